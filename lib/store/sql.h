/*
 * sql.h - what the statements of lib/ share: the fragments several of
 * them are written with, and the statements several modules run (sql.c).
 * A statement one module runs is written in that module, beside the code
 * that reads its columns. The modules run them through wf_sql(), which
 * caches each by its address. The dialect is SQLite's; a second engine
 * needs the store interface of issue 17.
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

/* A placement's number in its case (CASE.N: N), the order they were
 * made in. */
#define WF_SQL_PLACEMENT_NUM(p) \
	"CAST(substr(" p ".id, length(" p ".case_id) + 2) AS INTEGER)"

#define WF_SQL_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* ---- fragments: what stood on a day, and who was in charge ------------ */

/* The statuses of a case still open. */
#define OPEN_STATUSES \
	"('referred', 'screened', 'assessing', 'eligible', 'planned', 'placed')"

/* A case's or a placement's changes never go back in time (but for the
 * planning of a placement typed in late, which may be dated after it
 * started or was cancelled: the order recorded decides). So one that has
 * not changed since day d stood on d as it stands now, and only the rest
 * look at their history: the status on d is the last change recorded
 * among those effective by then. */
#define CASE_STATUS_ON(c, d) \
	" (CASE WHEN " c ".status_date <= " d " THEN " c ".status ELSE" \
	"  (SELECT s.status FROM case_status s WHERE s.case_id = " c ".id" \
	"  AND s.effective_date <= " d \
	"  ORDER BY s.effective_date DESC, s.id DESC LIMIT 1) END)"
#define PLACEMENT_STATUS_ON(p, d) \
	" (CASE WHEN " p ".status_date <= " d " THEN " p ".status ELSE" \
	"  (SELECT s.status FROM placement_status s WHERE s.placement_id = " \
	p ".id AND s.effective_date <= " d " ORDER BY s.id DESC LIMIT 1) END)"

/* The ids of the cases that may be open on day d, and of the placements
 * that may be active then: all but those closed (ended, cancelled) on or
 * before it, two ranges of an index each. */
#define CASES_OVER "('rejected', 'withdrawn', 'ineligible', 'closed')"
#define CASES_OPEN_BY(d) \
	" (SELECT id FROM cases WHERE status IN " OPEN_STATUSES \
	"  UNION ALL SELECT id FROM cases WHERE status IN " CASES_OVER \
	"  AND " WF_SQL_PAST_REFERRAL " AND status_date > " d ")"
#define PLACEMENTS_RUNNING_BY(d) \
	" (SELECT id FROM placement WHERE status IN ('planned', 'active'," \
	"  'suspended') UNION ALL SELECT id FROM placement WHERE status IN" \
	"  ('ended', 'cancelled') AND status_date > " d ")"

/* The manager of case ?1 on day ?2: the latest assignment effective
 * then; a later record of the same day wins. */
#define MANAGER_ON(c, day) \
	" (SELECT mo.code FROM case_manager m JOIN operator mo" \
	"  ON mo.id = m.operator_id WHERE m.case_id = " c \
	"  AND m.effective_date <= " day \
	"  ORDER BY m.effective_date DESC, m.id DESC LIMIT 1)"

/* The columns an entry is read by, for its record and its check. */
#define AUDIT_COLUMNS \
	" id, at, operator, login, command, action, entity, entity_id," \
	" case_id, person_id, detail, detail_sha, prev, hash, redacted_by"
/* Their places in a row of "SELECT" AUDIT_COLUMNS. */
enum {
	AUDIT_ID, AUDIT_AT, AUDIT_OPERATOR, AUDIT_LOGIN, AUDIT_COMMAND,
	AUDIT_ACTION, AUDIT_ENTITY, AUDIT_ENTITY_ID, AUDIT_CASE, AUDIT_PERSON,
	AUDIT_DETAIL, AUDIT_DETAIL_SHA, AUDIT_PREV, AUDIT_HASH,
		AUDIT_REDACTED_BY
};

/* ---- statements several modules run (sql.c) --------------------------- */

extern const char WF_SQL_AUDIT_PERSON_OF[];   /* audit.c, auditchain.c,
	person.c */
extern const char WF_SQL_AUDIT_CASE_GUARD_DELETE[];   /* auditverify.c,
	schema.c */
extern const char WF_SQL_AUDIT_CASE_GUARD_UPDATE[];   /* auditverify.c,
	schema.c */
extern const char WF_SQL_AUDIT_GUARD_DELETE[];   /* auditverify.c, schema.c */
extern const char WF_SQL_AUDIT_GUARD_UPDATE[];   /* auditverify.c, schema.c */
extern const char WF_SQL_AUDIT_GUARD_INSERT[];   /* auditverify.c, schema.c */
extern const char WF_SQL_ORG_ID[];   /* consent.c, operator.c, org.c */
extern const char WF_SQL_DISCLOSURES_OF_CASE[];   /* consent.c, reportcase.c */
extern const char WF_SQL_PERSON_CASES_OF[];   /* person.c, personexport.c */
extern const char WF_SQL_CASEREC_CERTS[];   /* caserecord.c, referamend.c */
extern const char WF_SQL_PREC_OF_CASE[];   /* personexport.c, placerecord.c,
	reportcase.c */
extern const char WF_SQL_MON_OF_CASE[];   /* monitor.c, personexport.c */
extern const char WF_SQL_PERSON_NAME[];   /* due.c, refer.c */
extern const char WF_SQL_ORG_NAME[];   /* reporthtml.c, run.c */
extern const char WF_SQL_PROG_NAME[];   /* reporthtml.c, run.c */
extern const char WF_SQL_VIEW_CASELOAD[];   /* reportperiod.c, reportviews.c */
/* Its columns: the operator in charge, a status, how many cases, and
 * whether the operator is the manager assigned (else derived). */
enum { CASELOAD_OPERATOR, CASELOAD_STATUS, CASELOAD_CASES, CASELOAD_ASSIGNED };
extern const char WF_SQL_ASSESS_SESSION_CLEAR[];   /* assess.c, void.c */

/* ---- the statements tests/sqlplan checks the plans of: written in their
 * modules (reportperiod.c, reportindicators.c, reportviews.c, monitor.c,
 * duestore.c), declared here for the plan check ---------------------- */

extern const char WF_SQL_DUE_CASES[];
extern const char WF_SQL_DUE_CHOOSE[];
extern const char WF_SQL_DUE_CONTACTS[];
extern const char WF_SQL_DUE_KEEP[];
extern const char WF_SQL_DUE_PLACEMENTS[];
extern const char WF_SQL_DUE_STATUSES[];
extern const char WF_SQL_ESF_CASES[];
extern const char WF_SQL_MON_RISKS[];
extern const char WF_SQL_PERIOD_ACTIVE[];
extern const char WF_SQL_PERIOD_CANCELLED[];
extern const char WF_SQL_PERIOD_CLOSURES[];
extern const char WF_SQL_PERIOD_CONTACTS[];
extern const char WF_SQL_PERIOD_DECISIONS[];
extern const char WF_SQL_PERIOD_EMPLOYMENT[];
extern const char WF_SQL_PERIOD_ENDED[];
extern const char WF_SQL_PERIOD_GROUPS[];
extern const char WF_SQL_PERIOD_HIGH_RISK[];
extern const char WF_SQL_PERIOD_PLANS[];
extern const char WF_SQL_PERIOD_REFERRERS[];
extern const char WF_SQL_PERIOD_SCREENING[];
extern const char WF_SQL_PERIOD_SESSIONS[];
extern const char WF_SQL_PERIOD_STARTED[];
extern const char WF_SQL_PERIOD_STEPS[];
extern const char WF_SQL_VIEW_CASELOAD[];
extern const char WF_SQL_VIEW_STATUSES[];
extern const char WF_SQL_VIEW_STEPS[];

#endif
