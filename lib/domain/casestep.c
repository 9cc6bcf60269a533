/*
 * casestep.c - the status steps that records made, for their corrections.
 * A first referral, the first session, a decision and a closing each made
 * a row of the case's history; corrected, the row moves with its record,
 * but only between the steps before and after it, so that the history
 * stays in order. A record corrected into another step (a decision that
 * changes) takes its row back and makes the new one through the state
 * machine: only the case's latest step can be taken back, since what
 * followed it was allowed by it.
 */
#include <string.h>

#include "casefile.h"

/* A case's step to a status on a day (the latest such), with the status
 * and date of the step before it and the date of the one after. */
static const char SQL_STEP_FIND[] =
	"SELECT s.id,"
	" (SELECT p.status FROM case_status p WHERE p.case_id = s.case_id"
	"  AND p.id < s.id ORDER BY p.id DESC LIMIT 1),"
	" (SELECT p.effective_date FROM case_status p WHERE p.case_id = s.case_id"
	"  AND p.id < s.id ORDER BY p.id DESC LIMIT 1),"
	" (SELECT n.effective_date FROM case_status n WHERE n.case_id = s.case_id"
	"  AND n.id > s.id ORDER BY n.id LIMIT 1)"
	" FROM case_status s WHERE s.case_id = ? AND s.status = ?"
	" AND s.effective_date = ? ORDER BY s.id DESC LIMIT 1";
enum {
	FIND_ID, FIND_PREV_STATUS, FIND_PREV_DATE, FIND_NEXT_DATE
};

/* The step of case_id to status on date, with its neighbours' dates. */
int wf_case_step_find(struct wf_store *st, const char *case_id,
                      const char *status, const char *date,
                      struct wf_step *out, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_STEP_FIND, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	wf_bind_text(s, 1, case_id);
	wf_bind_text(s, 2, status);
	wf_bind_text(s, 3, date);
	if ((rc = wf_step(s)) == WF_ROW) {
		out->id = wf_col_int64(s, FIND_ID);
		wf_col_text(s, FIND_PREV_STATUS, out->prev_status,
		            sizeof out->prev_status);
		wf_col_text(s, FIND_PREV_DATE, out->prev_date, sizeof out->prev_date);
		wf_col_text(s, FIND_NEXT_DATE, out->next_date, sizeof out->next_date);
		out->last = !out->next_date[0];
	}
	wf_reset(s);
	snprintf(out->case_id, sizeof out->case_id, "%s", case_id);
	snprintf(out->status, sizeof out->status, "%s", status);
	snprintf(out->date, sizeof out->date, "%s", date);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(st, rc, e), -1;
	return out->id != 0;
}

static const char SQL_STEP_REDATE[] =
	"UPDATE case_status SET effective_date = ? WHERE id = ?";

int wf_case_step_redate(struct wf_store *st, const struct wf_step *p,
                        const char *date, struct wf_err *e)
{
	struct wf_stmt *s;
	int rc;

	if (!strcmp(date, p->date))
		return 0;
	if (p->prev_date[0] && strcmp(date, p->prev_date) < 0)
		return wf_err_set(e, WF_EX_DATAERR, "case '%s' was %s on %s: a "
		                  "date before that is refused", p->case_id,
		                  p->prev_status, p->prev_date);
	if (p->next_date[0] && strcmp(date, p->next_date) > 0)
		return wf_err_set(e, WF_EX_DATAERR, "case '%s' moved on from %s on "
		                  "%s: a date after that is refused", p->case_id,
		                  p->status, p->next_date);
	if (!(s = wf_sql(st, SQL_STEP_REDATE, e)))
		return e->code;
	wf_bind_text(s, 1, date);
	wf_bind_int64(s, 2, p->id);
	if ((rc = wf_sql_done(st, s, e)) || !p->last)
		return rc;
	return wf_case_step_sync(st, p->case_id, e);
}

static const char SQL_STEP_DEL[] =
	"DELETE FROM case_status WHERE id = ?";

int wf_case_step_undo(struct wf_store *st, const struct wf_step *p,
                      struct wf_err *e)
{
	struct wf_stmt *s;
	int rc;

	if (!p->last)
		return wf_err_set(e, WF_EX_DATAERR, "case '%s' moved on from %s on "
		                  "%s: only its latest step can be changed",
		                  p->case_id, p->status, p->next_date);
	if (!(s = wf_sql(st, SQL_STEP_DEL, e)))
		return e->code;
	wf_bind_int64(s, 1, p->id);
	if ((rc = wf_sql_done(st, s, e)))
		return rc;
	return wf_case_step_sync(st, p->case_id, e);
}

/* The case is what its latest step says. */
static const char SQL_STEP_SYNC[] =
	"UPDATE cases SET (status, status_date) = (SELECT status, effective_date"
	"  FROM case_status WHERE case_id = cases.id ORDER BY id DESC LIMIT 1)"
	" WHERE id = ?1";

int wf_case_step_sync(struct wf_store *st, const char *case_id,
                      struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_STEP_SYNC, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, case_id);
	return wf_sql_done(st, s, e);
}

static const char SQL_STEP_REASONS[] =
	"UPDATE case_status SET reasons = ? WHERE id = ?";

int wf_case_step_reason(struct wf_store *st, const struct wf_step *p,
                        const char *reason, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_STEP_REASONS, e);
	cJSON *why;
	int rc;

	if (!s)
		return e->code;
	why = cJSON_CreateArray();
	cJSON_AddItemToArray(why, cJSON_CreateString(reason));
	wf_bind_json(s, 1, why);
	wf_bind_int64(s, 2, p->id);
	rc = wf_sql_done(st, s, e);
	cJSON_Delete(why);
	return rc;
}
