/*
 * sql.h - the statements of sql.c, by name. The modules of lib/ run them
 * through wf_sql(), which caches each by its address, and read their
 * columns with sqlite3_column_*: the dialect is SQLite's, and the
 * statements written since live beside the code that reads them
 * (duplicate.c, a case record's same-person query, schema.c's
 * migrations). A second engine needs the store interface issue 17 asks
 * for, not only another sql.c.
 */
#ifndef WF_SQL_H
#define WF_SQL_H

/* The statuses past a case's referral, as the partial indexes of
 * migration 7 (schema.c) and the statements that use them write them:
 * every new case adds a 'referred' status at a date of its own, which
 * the indexes leave out so that taking in referrals does not pay for
 * them; a query uses a partial index only when it repeats the index's
 * condition word for word. Never change it. */
#define WF_SQL_PAST_REFERRAL "status <> 'referred'"

/* audit.c, auditchain.c, auditlog.c, auditverify.c */
#define WF_SQL_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"
extern const char WF_SQL_AUDIT_ADD[];
extern const char WF_SQL_AUDIT_HEAD[];
extern const char WF_SQL_AUDIT_PERSON_OF[];
extern const char WF_SQL_AUDIT_LOG_CASE[];
extern const char WF_SQL_AUDIT_LOG_PERSON[];
extern const char WF_SQL_AUDIT_LOG_ALL[];
extern const char WF_SQL_AUDIT_CHAIN[];
extern const char WF_SQL_AUDIT_ALL[];
extern const char WF_SQL_AUDIT_ERASER[];
extern const char WF_SQL_AUDIT_SEAL[];
extern const char WF_SQL_AUDIT_GUARD[];
extern const char WF_SQL_AUDIT_GUARD_DELETE[];
extern const char WF_SQL_AUDIT_GUARD_UPDATE[];
extern const char WF_SQL_AUDIT_GUARD_INSERT[];
extern const char WF_SQL_PERSON_EXISTS[];
extern const char WF_SQL_READ_LOG_TABLE[];
extern const char WF_SQL_READ_LOG_ADD[];
extern const char WF_SQL_READ_LOG_LIST[];
extern const char WF_SQL_READ_LOG_CLEAR[];
/* org.c */
extern const char WF_SQL_ORG_ID[];
extern const char WF_SQL_ORG_INSERT[];
extern const char WF_SQL_ORG_UPDATE[];
extern const char WF_SQL_ORG_ROLE_CLEAR[];
extern const char WF_SQL_ORG_ROLE_ADD[];
extern const char WF_SQL_ORG_GET[];
extern const char WF_SQL_ORG_ALL[];
extern const char WF_SQL_ORG_ROLE[];
extern const char WF_SQL_ORG_ROLES[];
/* programme.c */
extern const char WF_SQL_PROG_ID[];
extern const char WF_SQL_PROG_GET[];
extern const char WF_SQL_PROG_INSERT[];
extern const char WF_SQL_PROG_UPDATE[];
extern const char WF_SQL_PROG_ALL[];
/* person.c */
extern const char WF_SQL_PERSON_BY_TAXCODE[];
extern const char WF_SQL_PERSON_BY_KEY[];
extern const char WF_SQL_PERSON_INSERT[];
extern const char WF_SQL_PERSON_CONTACTS[];
extern const char WF_SQL_PERSON_DUP[];
extern const char WF_SQL_PERSON_CASES_OF[];
extern const char WF_SQL_RETENTION[];
extern const char WF_SQL_FOLLOW_OF_CASE[];
extern const char WF_SQL_ERASE_STATE[];
extern const char WF_SQL_CONSENT_ADD[];
extern const char WF_SQL_STORE_TABLES[];
extern const char WF_SQL_STORE_COLUMNS[];
extern const char WF_SQL_STORE_ANY[];
extern const char WF_SQL_CONSENT_GET[];
extern const char WF_SQL_CONSENT_OF_PERSON[];
extern const char WF_SQL_CONSENT_NOW[];
extern const char WF_SQL_DISCLOSURE_ADD[];
extern const char WF_SQL_DISCLOSURES_OF_CASE[];
extern const char WF_SQL_CASE_REFERRER[];
extern const char WF_SQL_CASE_HOSTS[];
extern const char WF_SQL_CASE_BASIS[];
extern const char WF_SQL_ERASE_AGE_DAYS[];
extern const char WF_SQL_ERASE_PERSON[];
extern const char WF_SQL_ERASE_DATA[];
extern const char WF_SQL_ERASE_AUDIT_NEXT[];
extern const char WF_SQL_ERASE_AUDIT_SET[];
extern const char WF_SQL_VOIDED_OF_CASE[];
extern const char WF_SQL_PERSON_GET[];
extern const char WF_SQL_REFER_SCREENED_IN[];
extern const char WF_SQL_PERSON_UPDATE[];
extern const char WF_SQL_PERSON_TAKEN[];
extern const char WF_SQL_PERSON_FIRST_REFERRAL[];
/* casefile.c */
extern const char WF_SQL_CASE_LOAD[];
extern const char WF_SQL_CASE_NEXT_ID[];
extern const char WF_SQL_CASE_LAST_ID[];
extern const char WF_SQL_CASE_INSERT[];
extern const char WF_SQL_CASE_SET_STATUS[];
extern const char WF_SQL_CASE_HISTORY_ADD[];
extern const char WF_SQL_CASE_FIND_OPEN[];
/* caserecord.c */
extern const char WF_SQL_CASEREC_HEAD[];
extern const char WF_SQL_CASEREC_PERSON[];
extern const char WF_SQL_CASEREC_CERTS[];
extern const char WF_SQL_CASEREC_DUPS[];
extern const char WF_SQL_CASEREC_REFERRALS[];
extern const char WF_SQL_REFERRAL_SENT_NAMES[];
extern const char WF_SQL_CASEREC_LAST[];
extern const char WF_SQL_CASEREC_HISTORY[];
extern const char WF_SQL_CASEREC_LIST[];
/* refer.c */
extern const char WF_SQL_REFER_REFERRAL[];
extern const char WF_SQL_REFER_CERT[];
extern const char WF_SQL_REFER_SUBJECT[];
extern const char WF_SQL_REFER_CERT_KINDS[];
/* assess.c */
extern const char WF_SQL_ASSESS_SESSION[];
extern const char WF_SQL_ASSESS_SKILL[];
extern const char WF_SQL_ASSESS_PREREQ[];
extern const char WF_SQL_ASSESS_FRAGILITY[];
extern const char WF_SQL_ASSESS_DECISION[];

/* plan.c */
extern const char WF_SQL_PLAN_LAST[];
extern const char WF_SQL_PLAN_INSERT[];
extern const char WF_SQL_PLAN_GOAL[];
extern const char WF_SQL_PLAN_ACTION[];
/* assessrecord.c */
extern const char WF_SQL_AREC_HEAD[];
extern const char WF_SQL_AREC_SESSIONS[];
extern const char WF_SQL_AREC_SESSION[];
extern const char WF_SQL_AREC_SKILLS_OF[];
extern const char WF_SQL_AREC_PREREQS_OF[];
extern const char WF_SQL_AREC_AREAS_OF[];
extern const char WF_SQL_AREC_SKILLS_NOW[];
extern const char WF_SQL_AREC_PREREQS_NOW[];
extern const char WF_SQL_AREC_AREAS_NOW[];
extern const char WF_SQL_AREC_DECISIONS[];
extern const char WF_SQL_AREC_PLANS[];
extern const char WF_SQL_AREC_PLAN[];
extern const char WF_SQL_AREC_GOALS[];
extern const char WF_SQL_AREC_ACTIONS[];
extern const char WF_SQL_AREC_LIST[];

/* place.c, placerules.c */
extern const char WF_SQL_PLACE_COUNT[];
extern const char WF_SQL_PLACE_INSERT[];
extern const char WF_SQL_PLACE_AMEND[];
extern const char WF_SQL_PLACE_LOAD[];
extern const char WF_SQL_PLACE_SET[];
extern const char WF_SQL_PLACE_STARTED[];
extern const char WF_SQL_PLACE_EXTEND[];
extern const char WF_SQL_PLACE_HISTORY_ADD[];
extern const char WF_SQL_PLACE_ACTION[];
extern const char WF_SQL_PLACE_HOST_OVERLAP[];
extern const char WF_SQL_PLACE_CASE_OVERLAP[];
extern const char WF_SQL_PLACE_CERTS[];
extern const char WF_SQL_PLACE_PLANNED[];
extern const char WF_SQL_PLACE_ACTIVE[];
/* placerecord.c */
extern const char WF_SQL_PREC_GET[];
extern const char WF_SQL_PREC_HISTORY[];
extern const char WF_SQL_PREC_OF_CASE[];
extern const char WF_SQL_PREC_LIST[];
/* attend.c */
extern const char WF_SQL_ATTEND_PUT[];
extern const char WF_SQL_ATTEND_MONTH[];
/* caseclose.c */
extern const char WF_SQL_CLOSE_ADD[];
extern const char WF_SQL_CLOSE_BEFORE[];
extern const char WF_SQL_CLOSE_LAST[];
extern const char WF_SQL_CLOSE_TIMELINE[];
extern const char WF_SQL_FOLLOW_INSERT[];
extern const char WF_SQL_FOLLOW_AMEND[];
extern const char WF_SQL_FOLLOW_GET[];
/* monitor.c, due.c */
extern const char WF_SQL_MON_INSERT[];
extern const char WF_SQL_MON_UPDATE[];
extern const char WF_SQL_VOID_CONTACT[];
extern const char WF_SQL_VOID_CONTACT_DEL[];
extern const char WF_SQL_UNVOID_CONTACT[];
extern const char WF_SQL_VOIDED_GET[];
extern const char WF_SQL_VOIDED_DEL[];
extern const char WF_SQL_MON_PLACEMENT_CASE[];
extern const char WF_SQL_MON_GET[];
extern const char WF_SQL_MON_OF_CASE[];
extern const char WF_SQL_MON_LIST[];
extern const char WF_SQL_MON_RISKS[];
extern const char WF_SQL_DUE_KEEP[];
extern const char WF_SQL_DUE_CHOOSE[];
extern const char WF_SQL_DUE_CASES[];
extern const char WF_SQL_PERSON_NAME[];
extern const char WF_SQL_DUE_FOLLOW_UPS[];
extern const char WF_SQL_DUE_STATUSES[];
extern const char WF_SQL_DUE_PLACEMENTS[];
extern const char WF_SQL_DUE_CONTACTS[];
extern const char WF_SQL_DUE_OUT_CREATE[];
extern const char WF_SQL_DUE_OUT_ADD[];
extern const char WF_SQL_DUE_OUT_SORTED[];
/* reportcase.c */
extern const char WF_SQL_RCASE_PROGRAMME[];
extern const char WF_SQL_RCASE_ORGS[];
extern const char WF_SQL_ORG_NAME[];
extern const char WF_SQL_OPERATOR_GET[];
extern const char WF_SQL_OPERATOR_ID[];
extern const char WF_SQL_OPERATOR_PUT[];
extern const char WF_SQL_OPERATOR_ALL[];
extern const char WF_SQL_CASE_ASSIGN[];
extern const char WF_SQL_CASE_MANAGER[];
extern const char WF_SQL_CASE_STALE[];
extern const char WF_SQL_PROG_NAME[];
extern const char WF_SQL_RCASE_CONTACTS[];
/* reportviews.c */
extern const char WF_SQL_VIEW_CASELOAD[];
extern const char WF_SQL_QUALITY_FIELDS[];
extern const char WF_SQL_QUALITY_UNSCREENED[];
extern const char WF_SQL_QUALITY_PLACEMENTS[];
extern const char WF_SQL_QUALITY_DUPLICATES[];
extern const char WF_SQL_VIEW_STATUSES[];
extern const char WF_SQL_VIEW_STEPS[];
/* reportperiod.c */
extern const char WF_SQL_PERIOD_REFERRERS[];
extern const char WF_SQL_PERIOD_EMPLOYMENT[];
extern const char WF_SQL_PERIOD_GROUPS[];
extern const char WF_SQL_PERIOD_SCREENING[];
extern const char WF_SQL_PERIOD_SESSIONS[];
extern const char WF_SQL_PERIOD_DECISIONS[];
extern const char WF_SQL_PERIOD_PLANS[];
extern const char WF_SQL_PERIOD_STARTED[];
extern const char WF_SQL_PERIOD_ENDED[];
extern const char WF_SQL_PERIOD_ACTIVE[];
extern const char WF_SQL_PERIOD_CANCELLED[];
extern const char WF_SQL_PERIOD_CONTACTS[];
extern const char WF_SQL_PERIOD_HIGH_RISK[];
extern const char WF_SQL_PERIOD_CLOSURES[];
extern const char WF_SQL_PERIOD_STEPS[];
extern const char WF_SQL_ESF_CASES[];
extern const char WF_SQL_ESF_FOLLOW_UPS[];

extern const char WF_SQL_STEP_FIND[];
extern const char WF_SQL_STEP_REDATE[];
extern const char WF_SQL_STEP_DEL[];
extern const char WF_SQL_STEP_SYNC[];

extern const char WF_SQL_ASSESS_SESSION_SET[];
extern const char WF_SQL_ASSESS_SESSION_CLEAR[];
extern const char WF_SQL_ASSESS_FIRST_SESSION[];
extern const char WF_SQL_CASE_STATUS_ON[];
extern const char WF_SQL_DECISION_GET[];
extern const char WF_SQL_DECISION_LATER[];
extern const char WF_SQL_DECISION_SET[];
extern const char WF_SQL_STEP_REASONS[];

extern const char WF_SQL_REFERRAL_NTH[];
extern const char WF_SQL_REFERRAL_BIRTH[];
extern const char WF_SQL_REFERRAL_SET[];
extern const char WF_SQL_REFERRAL_CERTS_DEL[];
extern const char WF_SQL_REFERRAL_OPENED[];
extern const char WF_SQL_CLOSING_GET[];
extern const char WF_SQL_CLOSING_SET[];
extern const char WF_SQL_CLOSING_PLACEMENT[];
extern const char WF_SQL_CLOSING_CONTACT[];

extern const char WF_SQL_ATTEND_GET[];

extern const char WF_SQL_VOID_FOLLOW_UP[];
extern const char WF_SQL_VOID_FOLLOW_UP_DEL[];
extern const char WF_SQL_UNVOID_FOLLOW_UP[];
extern const char WF_SQL_VOID_ATTENDANCE[];
extern const char WF_SQL_VOID_ATTENDANCE_DEL[];
extern const char WF_SQL_UNVOID_ATTENDANCE[];

extern const char WF_SQL_READ_LOG_COUNT[];
extern const char WF_SQL_READ_LOG_CASES[];
extern const char WF_SQL_AUDIT_CASES_OF[];
extern const char WF_SQL_AUDIT_CASE_GUARD_DELETE[];
extern const char WF_SQL_AUDIT_CASE_GUARD_UPDATE[];

extern const char WF_SQL_VOID_SESSION[];
extern const char WF_SQL_VOID_SESSION_DEL[];
extern const char WF_SQL_UNVOID_SESSION[];
extern const char WF_SQL_UNVOID_SESSION_ROWS[];

extern const char WF_SQL_PROG_CODES[];

#endif
