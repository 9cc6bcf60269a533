/*
 * reportviews.c - two short views for a terminal, as of a date: the
 * funnel (how many cases reached each step of the path, and how many left
 * it where) and the caseload (the open cases in each operator's charge,
 * by status). The operator in charge of a case is the one who met its
 * person last, else the one who recorded its referral.
 */
#include <string.h>

#include "casefile.h"

/* The steps of the path in order, with the column of WF_SQL_VIEW_CASES
 * that dates each (-1: every case reached it). */
static const struct {
	const char *step;
	int col;
} steps[] = {
	{ "referred", -1 }, { "screened", 3 }, { "assessing", 4 },
	{ "eligible", 5 }, { "planned", 6 }, { "placed", 7 },
};
static const char *const exits[] = { "rejected", "withdrawn", "ineligible",
                                     "closed", NULL };

static sqlite3_stmt *cases(struct wf_ctx *ctx, const struct wf_view_opts *o,
                           char *on, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(ctx->st, WF_SQL_VIEW_CASES, e);

	wf_date_format(o->on, on);
	if (s) {
		wf_bind_text(s, 1, on);
		wf_bind_text(s, 2, o->programme);
	}
	return s;
}

static int emit_rows(struct wf_ctx *ctx, cJSON *rows, struct wf_err *e)
{
	const cJSON *r;
	int rc = 0;

	cJSON_ArrayForEach(r, rows)
		if (!rc)
			rc = wf_emit(ctx, r, e);
	return rc;
}

int wf_report_funnel(struct wf_ctx *ctx, const void *opts, struct wf_err *e)
{
	const struct wf_view_opts *o = opts;
	sqlite3_stmt *s;
	cJSON *reached = cJSON_CreateObject(), *left = cJSON_CreateObject();
	cJSON *rows = cJSON_CreateArray();
	char on[11];
	int rc, n = 0;

	if (!(s = cases(ctx, o, on, e))) {
		cJSON_Delete(reached);
		cJSON_Delete(left);
		cJSON_Delete(rows);
		return e->code;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(s, 1);

		n++;
		for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
			if (steps[i].col < 0 ||
			    sqlite3_column_type(s, steps[i].col) != SQLITE_NULL)
				wf_json_count(reached, steps[i].step, 1);
		for (int i = 0; status && exits[i]; i++)
			if (!strcmp(status, exits[i]))
				wf_json_count(left, exits[i], 1);
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? 0 : wf_sql_err(ctx->st, rc, e);
	for (size_t i = 0; !rc && n && i < sizeof steps / sizeof steps[0]; i++) {
		cJSON *r = cJSON_CreateObject(), *v;

		cJSON_AddStringToObject(r, "kind", "funnel");
		cJSON_AddStringToObject(r, "id", steps[i].step);
		cJSON_AddStringToObject(r, "on", on);
		v = cJSON_GetObjectItem(reached, steps[i].step);
		cJSON_AddNumberToObject(r, "cases", v ? v->valuedouble : 0);
		cJSON_AddNumberToObject(r, "percent", wf_percent(v ? v->valuedouble : 0,
		                                              n));
		cJSON_AddItemToArray(rows, r);
	}
	for (int i = 0; !rc && exits[i]; i++) {
		cJSON *v = cJSON_GetObjectItem(left, exits[i]), *r;

		if (!v)
			continue;
		r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "kind", "funnel");
		cJSON_AddStringToObject(r, "id", exits[i]);
		cJSON_AddStringToObject(r, "on", on);
		cJSON_AddNumberToObject(r, "cases", v->valuedouble);
		cJSON_AddNumberToObject(r, "percent", wf_percent(v->valuedouble, n));
		cJSON_AddItemToArray(rows, r);
	}
	if (!rc)
		rc = n ? emit_rows(ctx, rows, e)
		       : wf_err_set(e, WF_EX_NOMATCH, "no cases by %s", on);
	cJSON_Delete(reached);
	cJSON_Delete(left);
	cJSON_Delete(rows);
	return rc;
}

static const char *const open_statuses[] = { "referred", "screened",
                                             "assessing", "eligible",
                                             "planned", "placed", NULL };

/* The row of operator op in rows, made when missing; rows are kept in
 * the order of the operators' names. */
static cJSON *operator_row(cJSON *rows, const char *op, const char *on)
{
	cJSON *r;
	int at = 0;

	cJSON_ArrayForEach(r, rows) {
		int c = strcmp(wf_json_str(r, "operator"), op);

		if (c == 0)
			return r;
		at += c < 0;
	}
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "caseload");
	cJSON_AddStringToObject(r, "id", op);
	cJSON_AddStringToObject(r, "operator", op);
	cJSON_AddStringToObject(r, "on", on);
	cJSON_AddNumberToObject(r, "cases", 0);
	for (int i = 0; open_statuses[i]; i++)
		cJSON_AddNumberToObject(r, open_statuses[i], 0);
	cJSON_InsertItemInArray(rows, at, r);
	return r;
}

int wf_report_caseload(struct wf_ctx *ctx, const void *opts, struct wf_err *e)
{
	const struct wf_view_opts *o = opts;
	cJSON *rows = cJSON_CreateArray();
	sqlite3_stmt *s;
	char on[11];
	int rc;

	if (!(s = cases(ctx, o, on, e))) {
		cJSON_Delete(rows);
		return e->code;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(s, 1);
		cJSON *r;

		if (!status || !wf_status_open(status))
			continue;
		r = operator_row(rows, (const char *)sqlite3_column_text(s, 2), on);
		wf_json_count(r, "cases", 1);
		wf_json_count(r, status, 1);
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? 0 : wf_sql_err(ctx->st, rc, e);
	if (!rc)
		rc = cJSON_GetArraySize(rows) ? emit_rows(ctx, rows, e)
		     : wf_err_set(e, WF_EX_NOMATCH, "no open cases on %s", on);
	cJSON_Delete(rows);
	return rc;
}
