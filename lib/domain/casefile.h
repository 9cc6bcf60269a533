/*
 * casefile.h - what the domain modules of lib/ share beyond wf.h: cases
 * and the state machine, people and their identity, referrals and their
 * facts, the statements' store (store.h, sql.h). Every step (refer,
 * assess, place, monitor, close) and every report includes it; cmd/ never
 * does. Not part of the public interface.
 */
#ifndef WF_CASEFILE_H
#define WF_CASEFILE_H

#include "store.h"

/* Whether a case in this status is still open. */
int wf_status_open(const char *status);

/* What a case is now: enough for the state machine and screening. */
struct wf_case {
	char id[32];
	char status[32];
	char status_date[11];
	char opened_on[11];
	long long person_id, programme_id, referral_id;
	char programme[128];
};

/* Load case id; WF_EX_DATAERR with "case 'X' not found" when unknown. */
int wf_case_load(struct wf_store *st, const char *id, struct wf_case *c,
                 struct wf_err *e);
/* Check that the state machine lets case c take action; the message
 * names the case, its status and the statuses that would do. */
int wf_case_allowed(const struct wf_case *c, const char *action,
                    struct wf_err *e);
/* Move case c by action to status to (NULL: the action's own), effective
 * on date (YYYY-MM-DD), with an optional note and reasons (a cJSON list),
 * after checking that the state machine allows it and that the date is
 * not before the current status's. In a status the action keeps (a
 * later session, a revised plan) nothing moves. Audited. */
int wf_case_move(struct wf_ctx *ctx, struct wf_case *c, const char *action,
                 const char *to, const char *date, const char *note,
                 const cJSON *reasons, struct wf_err *e);
/* The same move made again for a corrected record: not audited apart,
 * since the correction is. */
int wf_case_restep(struct wf_ctx *ctx, struct wf_case *c, const char *action,
                   const char *to, const char *date, const cJSON *reasons,
                   struct wf_err *e);
/* Whether the state machine lets action be taken in status. */
int wf_case_takes(const char *action, const char *status);
/* Open a new case in status referred; fills c (the id is YYYY-NNNN, by
 * the year of the referral date). */
int wf_case_open(struct wf_ctx *ctx, long long person,
                 long long programme, const char *date, struct wf_case *c,
                 struct wf_err *e);
/* The day (YYYY-MM-DD into date, 11 bytes) of the last service of case
 * c when it is stale today (softexit.c); refused (65) when it is not. */
int wf_case_last_service(struct wf_store *st, const struct wf_case *c,
                         char *date, struct wf_err *e);
/* The open case of person in programme, if any: 1 and c filled, 0 when
 * none. */
int wf_case_find_open(struct wf_store *st, long long person,
                      long long programme, struct wf_case *c,
                      struct wf_err *e);
/* The case record as every command prints it; with history, the list of
 * status changes too. NULL with e set. */
cJSON *wf_case_record(struct wf_store *st, const char *id, int history,
                      struct wf_err *e);
/* Parse an effective date option: NULL means today; refused when not a
 * date or in the future. */
int wf_effective_date(const char *opt, const char *what, char *out,
                      struct wf_err *e);

/* A session checked as adding it checks it (fields, date, case,
 * assessor, checklist), and stored: new when *id is 0, else over the
 * session numbered *id (assess.c). */
int wf_session_check(struct wf_ctx *ctx, const struct wf_record *rec,
                     cJSON *r, const char *path, struct wf_case *c,
                     long long *org, struct wf_err *e);
int wf_session_store(struct wf_ctx *ctx, const cJSON *r, long long assessor,
                     long long *id, struct wf_err *e);
/* Records of step 2 (assessrecord.c). NULL with e set. */
cJSON *wf_session_record(struct wf_store *st, long long id,
                         struct wf_err *e);
cJSON *wf_plan_record(struct wf_store *st, long long id, struct wf_err *e);
cJSON *wf_assessment_record(struct wf_store *st, const char *id, int history,
                            struct wf_err *e);
/* The short form that lists print: no sessions, the latest of each. */
cJSON *wf_assessment_summary(struct wf_store *st, const char *id,
                             struct wf_err *e);

/* A placement as the rules see it (place.c, placerules.c). */
struct wf_placement {
	char id[48], case_id[32], type[24], host[128];
	long long host_id;
	long employees;            /* -1: not recorded */
	char start[11], end[11];
	int hours_week;            /* 0: not given */
	long long stipend;         /* cents; -1: none */
	int meals;
	int disabled, disadvantaged;  /* the person's category */
	char status[16], status_date[11];
};

/* Check p against the placement rules of programme prog; every rule
 * broken is appended to broken (a list of strings). Returns 0 or a store
 * error. */
int wf_place_rules(struct wf_store *st, const cJSON *prog,
                   const struct wf_placement *p, cJSON *broken,
                   struct wf_err *e);
/* When p starts: another placement of the case still running breaks the
 * rule unless the programme lets placements overlap. */
int wf_place_overlap(struct wf_store *st, const cJSON *prog,
                     const struct wf_placement *p, cJSON *broken,
                     struct wf_err *e);
/* End placement id on date with an outcome (and reason), or cancel it
 * (action "end" or "cancel"), as wf-place does; for closing a case. */
int wf_place_stop(struct wf_ctx *ctx, const char *id, const char *action,
                  const char *date, const char *outcome, const char *reason,
                  struct wf_err *e);
/* Load placement id; WF_EX_DATAERR when unknown. */
int wf_place_load(struct wf_store *st, const char *id, struct wf_placement *p,
                  struct wf_err *e);
/* The placement record as the commands print it (with its history when
 * history), or NULL with e set (WF_EX_NOMATCH when unknown). */
cJSON *wf_placement_record(struct wf_store *st, const char *id, int history,
                           struct wf_err *e);
/* The contact record of number id, or NULL with e set. */
cJSON *wf_contact_record(struct wf_store *st, long long id,
                         struct wf_err *e);

/* Record a follow-up of case_id (followup.c), checked by the caller;
 * operator NULL: the one running. Sets *id. */
int wf_follow_up_insert(struct wf_ctx *ctx, const char *case_id,
                        const char *at, const char *date,
                        const cJSON *situation, const char *operator_,
                        const char *notes, long long *id,
                        struct wf_err *e);

/* The form of the aggregate reports (reportform.c): counts from 1 to
 * n-1 shown as "<n", a lone hidden cell's neighbour hidden too; only the
 * named section kept, beside the head; a section name checked against
 * the report's list (WF_EX_USAGE naming them). */
void wf_report_suppress(cJSON *obj, int n);
/* k of n as a whole percentage, rounded half up (0 when n is). */
double wf_percent(double k, double n);
/* A new report record of kind: its id, from, to and programme. */
cJSON *wf_report_head(const char *kind, const struct wf_period_opts *o);
void wf_report_keep(cJSON *r, const char *section);
int wf_report_section_check(const char *const *sections, const char *name,
                            struct wf_err *e);

/* A case record with its closure and timeline (caseclose.c). */
cJSON *wf_case_timeline_record(struct wf_store *st, const char *id,
                               struct wf_err *e);

/* People (person.c). */
extern const char *const wf_person_sexes[];
int wf_person_resolve(struct wf_ctx *ctx, const cJSON *p, long long *id,
                      struct wf_err *e);
void wf_person_key(const cJSON *p, char *buf, size_t len);
/* The tax code of person p must agree with the birth date and sex given;
 * a missing sex is taken from it. path: where p is ("person" or ""). */
int wf_person_check_taxcode(const struct wf_record *rec, cJSON *p,
                            const char *path, struct wf_err *e);
/* The person a reference names: the store's number of the person, a case
 * of theirs, or their tax code. 0 and e set (WF_EX_NOMATCH) when none. */
long long wf_person_find(struct wf_store *st, const char *ref,
                             struct wf_err *e);
/* A person as a record: kind, id (their number) and identity fields. */
cJSON *wf_person_get(struct wf_store *st, const char *ref, struct wf_err *e);
/* Correct a person from a whole record (rec), checked as a referral's
 * person is, and their cases' screening checked again. */
int wf_person_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                    struct wf_err *e);
/* Emit a person's consents (n counts them), and a case's disclosures
 * (consent.c). */
int wf_consent_emit(struct wf_ctx *ctx, long long person, long *n,
                    struct wf_err *e);
int wf_disclosure_emit(struct wf_ctx *ctx, const char *case_id,
                       struct wf_err *e);
/* A follow-up by its number, and its correction (followup.c). */
cJSON *wf_follow_up_record(struct wf_store *st, long long id,
                           struct wf_err *e);
cJSON *wf_follow_up_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_follow_up_amend(struct wf_ctx *ctx, struct wf_record *rec,
                       const char *id, struct wf_err *e);
/* A placement, and its correction (place.c). */
cJSON *wf_place_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_place_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                   struct wf_err *e);
/* A contact by its number, and its correction (monitor.c). */
cJSON *wf_contact_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_contact_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                     struct wf_err *e);
/* What a correction or a voiding names (amend.c): the kind, one of
 * names (its index in *k), the id as text, and the reason (the record's,
 * else reason). Returns 0, or WF_EX_DATAERR at the field. */
int wf_amend_target(const struct wf_record *rec, const char *const *names,
                    const char *reason, int *k, char *id, size_t len,
                    const char **why, struct wf_err *e);
/* A corrected record of kind (but a contact) keeps its case, was: moved,
 * it would carry its case's history with it. WF_EX_DATAERR at "case"
 * when the correction names another (amend.c). */
int wf_amend_same_case(const struct wf_record *rec, const char *kind,
                       const char *was, struct wf_err *e);
/* A corrected record's date is not in the future (amend.c). */
int wf_amend_not_future(const struct wf_record *rec, struct wf_err *e);
/* Check contact id, follow-up id, attendance id as adding them would
 * now (monitor.c, followup.c, attend.c): for a record restored. */
int wf_contact_check(struct wf_ctx *ctx, const char *id, struct wf_err *e);
int wf_follow_up_check(struct wf_ctx *ctx, const char *id, struct wf_err *e);
int wf_attendance_check(struct wf_ctx *ctx, const char *id, struct wf_err *e);
/* A session voided or restored (assessamend.c): checked as adding it
 * would now; the opening of the assessment set right, its first date
 * noted in state before the change (after 0) and followed after it. */
int wf_session_recheck(struct wf_ctx *ctx, const char *id, struct wf_err *e);
int wf_session_opening(struct wf_ctx *ctx, const char *case_id, char *state,
                       size_t len, int after, struct wf_err *e);
/* A case screened in must still meet its programme's target with the
 * facts as they stand (refer.c). */
int wf_refer_recheck(struct wf_ctx *ctx, const char *case_id,
                     struct wf_err *e);
/* The letters a person's names give a tax code into letters when they
 * are not the first six of its tax_code; NULL when they are, or when it
 * has none. */
const char *wf_person_letters_differ(const cJSON *p, char letters[7]);

/* A step of a case's history (casestep.c): the row a record made, with
 * the status and date of the step before it and the date of the one
 * after ("" when it is the latest). */
struct wf_step {
	long long id;
	char case_id[32], status[32], date[11];
	char prev_status[32], prev_date[11], next_date[11];
	int last;
};
/* The step of case_id to status on date: 1 and out filled, 0 when there
 * is none, -1 with e set. */
int wf_case_step_find(struct wf_store *st, const char *case_id,
                      const char *status, const char *date,
                      struct wf_step *out, struct wf_err *e);
/* Move step p to date, refused (WF_EX_DATAERR) outside the steps before
 * and after it. */
int wf_case_step_redate(struct wf_store *st, const struct wf_step *p,
                        const char *date, struct wf_err *e);
/* Take step p back: only the latest; the case returns to the one before. */
int wf_case_step_undo(struct wf_store *st, const struct wf_step *p,
                      struct wf_err *e);
/* The reason step p was taken for (a decision's grounds, a closing's
 * outcome), in place of the one it had. */
int wf_case_step_reason(struct wf_store *st, const struct wf_step *p,
                        const char *reason, struct wf_err *e);
/* Set the case's status and date from its latest step. */
int wf_case_step_sync(struct wf_store *st, const char *case_id,
                      struct wf_err *e);

/* The rest of the kinds a correction names, each read back as a record
 * and corrected by the rules it was added by: a session and a decision
 * (assessamend.c), a referral (referamend.c), a closing (closeamend.c),
 * an attendance (attend.c). */
cJSON *wf_session_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_session_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                     struct wf_err *e);
cJSON *wf_decision_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_decision_amend(struct wf_ctx *ctx, struct wf_record *rec,
                      const char *id, struct wf_err *e);
cJSON *wf_referral_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_referral_amend(struct wf_ctx *ctx, struct wf_record *rec,
                      const char *id, struct wf_err *e);
cJSON *wf_closing_get(struct wf_store *st, const char *id, struct wf_err *e);
int wf_closing_amend(struct wf_ctx *ctx, struct wf_record *rec,
                     const char *id, struct wf_err *e);
cJSON *wf_attendance_get(struct wf_store *st, const char *id,
                         struct wf_err *e);
int wf_attendance_amend(struct wf_ctx *ctx, struct wf_record *rec,
                        const char *id, struct wf_err *e);
/* A certification: its schema (its rows are read by the column names of
 * WF_SQL_CASEREC_CERTS, with wf_row_push()), and the certifications of a
 * referral written (refer.c). */
extern const struct wf_schema wf_cert_schema;
int wf_refer_add_certs(struct wf_store *st, long long ref,
                       const cJSON *list, struct wf_err *e);

#endif
