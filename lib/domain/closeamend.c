/*
 * closeamend.c - corrections of a closing: its outcome, its date and the
 * recommendations. Checked as closing is; the date moves the case's
 * closed step, between the step before it and any reopening after, and
 * not before a contact logged while the case was still open. A closing
 * that ended or cancelled placements set their dates and outcomes by its
 * own: those are corrected by reopening the case and closing it again,
 * so a closing that did is refused a new date or outcome.
 *
 * Tables: case_closure (case_status through casestep.c).
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

static const char *const closing_kinds[] = { "closing", NULL };
static const struct wf_field fields[] = {
	{ "kind", WF_T_ENUM, 0, closing_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "outcome", WF_T_ENUM, WF_F_REQUIRED, wf_close_outcomes, NULL, 0, 0 },
	{ "recommendations", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema closing_schema = { "closing", fields };

static void closing_row(cJSON *r, struct wf_stmt *s)
{

	cJSON_AddStringToObject(r, "kind", "closing");
	wf_row_add(r, s);
}

static const char SQL_CLOSING_GET[] =
	"SELECT id, case_id AS \"case\", date, outcome, recommendations"
	" FROM case_closure WHERE id = ?";

cJSON *wf_closing_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	return wf_sql_record(st, SQL_CLOSING_GET, id, "closing", closing_row, e);
}

/* A placement of the case ended or cancelled on the closing's date. */
static const char SQL_CLOSING_PLACEMENT[] =
	"SELECT ps.placement_id FROM placement_status ps"
	" JOIN placement p ON p.id = ps.placement_id WHERE p.case_id = ?"
	" AND ps.effective_date = ? AND ps.status IN ('ended', 'cancelled')"
	" ORDER BY ps.id LIMIT 1";

/* A contact after a day, before the next step (a reopening) if any. */
static const char SQL_CLOSING_CONTACT[] =
	"SELECT id FROM contact WHERE case_id = ? AND date > ?2"
	" AND (?3 IS NULL OR date < ?3) ORDER BY date, id LIMIT 1";

/* What stands in the way of a new date or outcome: a placement the
 * closing ended, or a contact the new date would leave after it. */
static int hindrance(struct wf_store *st, const cJSON *was, const cJSON *now,
                     const struct wf_step *p, struct wf_err *e)
{
	const char *date = wf_json_str(now, "date");
	char what[64];
	struct wf_stmt *s;
	int rc;

	if ((rc = wf_sql_text(st, SQL_CLOSING_PLACEMENT,
	                      wf_json_str(was, "case"), wf_json_str(was, "date"),
	                      what, sizeof what, e)))
		return rc;
	if (what[0])
		return wf_err_set(e, WF_EX_DATAERR, "the closing ended placement "
		                  "'%s' with it: reopen the case and close it again",
		                  what);
	if (!(s = wf_sql(st, SQL_CLOSING_CONTACT, e)))
		return e->code;
	wf_bind_text(s, 1, wf_json_str(was, "case"));
	wf_bind_text(s, 2, date);
	wf_bind_text(s, 3, p->next_date[0] ? p->next_date : NULL);
	what[0] = '\0';
	if ((rc = wf_step(s)) == WF_ROW)
		wf_col_text(s, 0, what, sizeof what);
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	if (what[0])
		return wf_err_set(e, WF_EX_DATAERR, "contact %s is dated after %s, "
		                  "while the case was open", what, date);
	return 0;
}

static int restep(struct wf_store *st, const cJSON *was, const cJSON *now,
                  struct wf_err *e)
{
	const char *outcome = wf_json_str(now, "outcome");
	struct wf_step p;
	int found, rc;

	if ((found = wf_case_step_find(st, wf_json_str(was, "case"), "closed",
	                               wf_json_str(was, "date"), &p, e)) <= 0)
		return found < 0 ? e->code : wf_err_set(e, WF_EX_SOFTWARE, "case "
		       "'%s' has no closed step on %s", wf_json_str(was, "case"),
		       wf_json_str(was, "date"));
	if (!strcmp(wf_json_str(was, "date"), wf_json_str(now, "date")) &&
	    !strcmp(wf_json_str(was, "outcome"), outcome))
		return 0;
	if ((rc = hindrance(st, was, now, &p, e)) ||
	    (rc = wf_case_step_redate(st, &p, wf_json_str(now, "date"), e)))
		return rc;
	return wf_case_step_reason(st, &p, outcome, e);
}

/* The corrected closing checked as closing is. */
static int closing_ok(const struct wf_record *rec, const cJSON *was,
                      struct wf_err *e)
{
	int rc;

	if ((rc = wf_amend_same_case(rec, "closing", wf_json_str(was, "case"),
	                             e)) ||
	    (rc = wf_validate(rec, rec->root, &closing_schema, "", e)))
		return rc;
	return wf_amend_not_future(rec, e);
}

static const char SQL_CLOSING_SET[] =
	"UPDATE case_closure SET date = ?, outcome = ?, recommendations = ?"
	" WHERE id = ?";

int wf_closing_amend(struct wf_ctx *ctx, struct wf_record *rec,
                     const char *id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	cJSON *was = wf_closing_get(ctx->st, id, e);
	struct wf_stmt *s;
	int rc;

	if (!was)
		return e->code;
	if (!(rc = closing_ok(rec, was, e)) && restep(ctx->st, was, r, e))
		rc = wf_record_at(rec, wf_json_path(r, "date"), "date", e);
	cJSON_Delete(was);
	if (rc)
		return rc;
	if (!(s = wf_sql(ctx->st, SQL_CLOSING_SET, e)))
		return e->code;
	wf_bind_text(s, 1, wf_json_str(r, "date"));
	wf_bind_text(s, 2, wf_json_str(r, "outcome"));
	wf_bind_text(s, 3, wf_json_str(r, "recommendations"));
	wf_bind_int64(s, 4, strtoll(id, NULL, 10));
	return wf_sql_done(ctx->st, s, e);
}
