/*
 * assessamend.c - corrections of step 2: a session (its date, type,
 * people, skills, prerequisites and profile) and a decision. Both stay
 * with their case. A session is checked as adding it is, and must fall
 * where the case took sessions; the first one carries the opening of the
 * assessment with it. A decision is checked as deciding is; its step in
 * the case's history moves with its date, and a decision that changes
 * takes its step back and makes the new one, which only the case's
 * latest decision, in its latest step, may do. A decision's reason is
 * its "grounds" here: "reason" is the correction's own.
 *
 * Tables: assessment_session, skill, prerequisite, fragility, decision
 * (and case_status through casestep.c).
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

static const char *const decision_kinds[] = { "decision", NULL };
static const struct wf_field decision_fields[] = {
	{ "kind", WF_T_ENUM, 0, decision_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "decision", WF_T_ENUM, WF_F_REQUIRED, wf_decisions, NULL, 0, 0 },
	{ "grounds", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "review_on", WF_T_DATE, 0, NULL, NULL, 0, 0 },
	{ "decided_by", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema decision_schema = { "decision",
                                                  decision_fields };

/* ---- sessions ---------------------------------------------------------- */

cJSON *wf_session_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	long long n = wf_id_number(id, "session", e);

	return n ? wf_session_record(st, n, e) : NULL;
}

/* The earliest session of a case: the one that opened its assessment. */
static const char SQL_ASSESS_FIRST_SESSION[] =
	"SELECT min(date) FROM assessment_session WHERE case_id = ?";

/* The date of a case's first session, "" without sessions. */
static int first_session(struct wf_store *st, const char *case_id,
                         char out[11], struct wf_err *e)
{
	return wf_sql_text(st, SQL_ASSESS_FIRST_SESSION, case_id, NULL, out, 11,
	                   e);
}

/* The status a case had on a day: its latest step effective by then. */
static const char SQL_CASE_STATUS_ON[] =
	"SELECT status FROM case_status WHERE case_id = ? AND effective_date <= ?"
	" ORDER BY effective_date DESC, id DESC LIMIT 1";

/* A session on date: the case must then have been in a status that takes
 * sessions. */
static int takes_session(struct wf_store *st, const char *case_id,
                         const char *date, struct wf_err *e)
{
	char status[32];
	int rc;

	if ((rc = wf_sql_text(st, SQL_CASE_STATUS_ON, case_id, date, status,
	                      sizeof status, e)))
		return rc;
	if (wf_case_takes("assess", status))
		return 0;
	return wf_err_set(e, WF_EX_DATAERR, "case '%s' was %s on %s: a session "
	                  "then is refused", case_id,
	                  *status ? status : _("not yet referred"), date);
}

/* The first session opened the assessment: when the earliest date
 * changes, the opening moves with it. */
static int move_opening(struct wf_store *st, const char *case_id,
                        const char *first, struct wf_err *e)
{
	struct wf_step p;
	char now[11];
	int found;

	if (first_session(st, case_id, now, e))
		return e->code;
	if (!strcmp(first, now))
		return 0;
	if ((found = wf_case_step_find(st, case_id, "assessing", first, &p, e)) <= 0)
		return found < 0 ? e->code : 0;
	return wf_case_step_redate(st, &p, now, e);
}

int wf_session_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                     struct wf_err *e)
{
	cJSON *was = wf_session_get(ctx->st, id, e);
	char first[11];
	long long n = strtoll(id, NULL, 10);
	struct wf_case c;
	long long org;
	int rc;

	if (!was)
		return e->code;
	rc = wf_amend_same_case(rec, "session", wf_json_str(was, "case"), e);
	cJSON_Delete(was);
	if (rc || (rc = wf_session_check(ctx, rec, rec->root, "", &c, &org, e)) ||
	    (rc = first_session(ctx->st, c.id, first, e)))
		return rc;
	if (wf_session_store(ctx, rec->root, org, &n, e) ||
	    move_opening(ctx->st, c.id, first, e) ||
	    takes_session(ctx->st, c.id, wf_json_str(rec->root, "date"), e))
		return wf_record_at(rec, wf_json_path(rec->root, "date"), "date", e);
	return 0;
}

/* Voiding a session, or restoring it, may take away the first or bring
 * it back: the opening of the assessment follows, or, without sessions
 * left, is taken back (only while nothing followed it). */
int wf_session_opening(struct wf_ctx *ctx, const char *case_id, char *state,
                       size_t len, int after, struct wf_err *e)
{
	char now[11];
	struct wf_step p;
	struct wf_case c;
	int found, rc;

	if (!after)
		return wf_sql_text(ctx->st, SQL_ASSESS_FIRST_SESSION, case_id,
		                   NULL, state, len, e);
	if ((rc = first_session(ctx->st, case_id, now, e)))
		return rc;
	if (!*state && *now) {
		if ((rc = wf_case_load(ctx->st, case_id, &c, e)))
			return rc;
		return wf_case_restep(ctx, &c, "assess", NULL, now, NULL, e);
	}
	if (*state && !*now) {
		found = wf_case_step_find(ctx->st, case_id, "assessing", state, &p, e);
		if (found < 0)
			return e->code;
		return found ? wf_case_step_undo(ctx->st, &p, e) : 0;
	}
	return *state ? move_opening(ctx->st, case_id, state, e) : 0;
}

int wf_session_recheck(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	struct wf_record rec = { 0 };
	struct wf_case c;
	long long org;
	int rc;

	if (!(rec.root = wf_session_get(ctx->st, id, e)))
		return e->code;
	if (!(rc = wf_session_check(ctx, &rec, rec.root, "", &c, &org, e)))
		rc = takes_session(ctx->st, c.id, wf_json_str(rec.root, "date"), e);
	cJSON_Delete(rec.root);
	return rc;
}

/* ---- decisions --------------------------------------------------------- */

static void decision_row(cJSON *r, struct wf_stmt *s)
{

	cJSON_AddStringToObject(r, "kind", "decision");
	wf_row_add(r, s);
}

static const char SQL_DECISION_GET[] =
	"SELECT id, case_id AS \"case\", date, decision, reason AS grounds,"
	" review_on, decided_by FROM decision WHERE id = ?";

cJSON *wf_decision_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	return wf_sql_record(st, SQL_DECISION_GET, id, "decision", decision_row,
	                     e);
}

/* The decision's own rules, as deciding checks its options. */
static int decision_ok(const struct wf_record *rec, struct wf_err *e)
{
	const cJSON *r = rec->root;
	const char *d = wf_json_str(r, "decision"), *date = wf_json_str(r, "date");
	const char *reason = wf_json_str(r, "grounds");
	const char *review = wf_json_str(r, "review_on");
	int rc;

	if ((rc = wf_amend_not_future(rec, e)))
		return rc;
	if (!strcmp(d, "ineligible") && (!reason || !*reason))
		return wf_record_err(rec, r, "grounds", e, WF_EX_DATAERR, "an "
		                     "ineligible decision needs its grounds");
	if (strcmp(d, "deferred") && review)
		return wf_record_err(rec, wf_json_path(r, "review_on"), "review_on",
		                     e, WF_EX_DATAERR, "only a deferred decision has "
		                     "a review date");
	if (!strcmp(d, "deferred") && !review)
		return wf_record_err(rec, r, "review_on", e, WF_EX_DATAERR, "a "
		                     "deferred decision needs a review date");
	if (review && strcmp(review, date) <= 0)
		return wf_record_err(rec, wf_json_path(r, "review_on"), "review_on",
		                     e, WF_EX_DATAERR, "%s is not after the decision "
		                     "date %s", review, date);
	return 0;
}

/* The step a decision made: none for a deferral, which keeps the case in
 * its assessment. */
static int step_of(struct wf_store *st, const cJSON *d, struct wf_step *p,
                   struct wf_err *e)
{
	const char *what = wf_json_str(d, "decision");

	if (!strcmp(what, "deferred")) {
		memset(p, 0, sizeof *p);
		return 0;
	}
	return wf_case_step_find(st, wf_json_str(d, "case"), what,
	                         wf_json_str(d, "date"), p, e);
}

/* The case's decision after this one, if any. */
static const char SQL_DECISION_LATER[] =
	"SELECT count(*) FROM decision d, decision x WHERE x.id = ?"
	" AND d.case_id = x.case_id AND (d.date > x.date"
	"  OR (d.date = x.date AND d.id > x.id))";

/* Make the case's history say what the corrected decision says. */
static int restep(struct wf_ctx *ctx, const cJSON *was, const cJSON *now,
                  struct wf_err *e)
{
	const char *to = wf_json_str(now, "decision");
	const char *date = wf_json_str(now, "date");
	const char *id = wf_json_str(now, "case");
	cJSON *why = NULL;
	struct wf_step p;
	struct wf_case c;
	long long later;
	char status[32];
	int found, rc;

	if ((found = step_of(ctx->st, was, &p, e)) < 0)
		return e->code;
	if (!strcmp(to, wf_json_str(was, "decision"))) {
		if (found)
			return wf_case_step_redate(ctx->st, &p, date, e);
		if (strcmp(to, "deferred"))
			return 0;
		if ((rc = wf_sql_text(ctx->st, SQL_CASE_STATUS_ON, id, date,
		                      status, sizeof status, e)))
			return rc;
		return strcmp(status, "assessing") ? wf_err_set(e, WF_EX_DATAERR,
		       "case '%s' was %s on %s: a deferral then is refused", id,
		       *status ? status : _("not yet referred"), date) : 0;
	}
	if ((later = wf_sql_id(ctx->st, SQL_DECISION_LATER,
	                       wf_json_str(was, "id"), e)) != 0)
		return later < 0 ? e->code : wf_err_set(e, WF_EX_DATAERR, "case '%s' "
		       "was decided on again after it: only its latest decision "
		       "can change", id);
	if ((found && (rc = wf_case_step_undo(ctx->st, &p, e))) ||
	    (rc = wf_case_load(ctx->st, id, &c, e)))
		return rc;
	if (!strcmp(to, "deferred"))
		return strcmp(c.status, "assessing") ? wf_err_set(e, WF_EX_DATAERR,
		       "case '%s' is %s: a deferral is refused", id, c.status) : 0;
	if (!strcmp(to, "ineligible")) {
		why = cJSON_CreateArray();
		cJSON_AddItemToArray(why, cJSON_CreateString(wf_json_str(now,
		                                                         "grounds")));
	}
	rc = wf_case_restep(ctx, &c, "decide", to, date, why, e);
	cJSON_Delete(why);
	return rc;
}

/* An ineligible decision's reason is its step's. */
static int step_reason(struct wf_store *st, const cJSON *d, struct wf_err *e)
{
	struct wf_step p;
	int found;

	if (strcmp(wf_json_str(d, "decision"), "ineligible"))
		return 0;
	if ((found = step_of(st, d, &p, e)) <= 0)
		return found < 0 ? e->code : 0;
	return wf_case_step_reason(st, &p, wf_json_str(d, "grounds"), e);
}

static const char SQL_DECISION_SET[] =
	"UPDATE decision SET date = ?, decision = ?, reason = ?, review_on = ?,"
	" decided_by = ? WHERE id = ?";

int wf_decision_amend(struct wf_ctx *ctx, struct wf_record *rec,
                      const char *id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	long long n = strtoll(id, NULL, 10);
	cJSON *was = wf_decision_get(ctx->st, id, e);
	struct wf_stmt *s;
	int rc;

	if (!was)
		return e->code;
	if ((rc = wf_amend_same_case(rec, "decision", wf_json_str(was, "case"),
	                             e)) ||
	    (rc = wf_validate(rec, rec->root, &decision_schema, "", e)) ||
	    (rc = decision_ok(rec, e)))
		goto done;
	/* the id as text, for the statement that looks for later ones */
	cJSON_ReplaceItemInObjectCaseSensitive(was, "id", cJSON_CreateString(id));
	if ((rc = restep(ctx, was, r, e))) {
		rc = wf_record_at(rec, wf_json_path(r, "date"), "date", e);
		goto done;
	}
	if (!(s = wf_sql(ctx->st, SQL_DECISION_SET, e))) {
		rc = e->code;
		goto done;
	}
	wf_bind_text(s, 1, wf_json_str(r, "date"));
	wf_bind_text(s, 2, wf_json_str(r, "decision"));
	wf_bind_text(s, 3, wf_json_str(r, "grounds"));
	wf_bind_text(s, 4, wf_json_str(r, "review_on"));
	wf_bind_text(s, 5, wf_json_str(r, "decided_by"));
	wf_bind_int64(s, 6, n);
	if (!(rc = wf_sql_done(ctx->st, s, e)))
		rc = step_reason(ctx->st, r, e);
done:
	cJSON_Delete(was);
	return rc;
}
