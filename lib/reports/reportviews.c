/*
 * reportviews.c - two short views for a terminal, as of a date: the
 * funnel (how many cases reached each step of the path, and how many left
 * it where) and the caseload (the open cases in each operator's charge,
 * by status). The operator in charge of a case is the one who met its
 * person last, else the one who recorded its referral.
 */
#include <string.h>

#include "casefile.h"

/* The steps of the path in order: every case reached the first; the
 * others are the columns of WF_SQL_VIEW_STEPS. */
static const char *const steps[] = { "referred", "screened", "assessing",
                                     "eligible", "planned", "placed", NULL };
static const char *const exits[] = { "rejected", "withdrawn", "ineligible",
                                     "closed", NULL };

/* sql bound for the view: ?1 the day, ?2 the programme. */
static struct wf_stmt *view(struct wf_ctx *ctx, const char *sql,
                          const struct wf_view_opts *o, char *on,
                          struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, sql, e);

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

static void funnel_row(cJSON *rows, const char *id, const char *on,
                       double cases, double all)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", "funnel");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "on", on);
	cJSON_AddNumberToObject(r, "cases", cases);
	cJSON_AddNumberToObject(r, "percent", wf_percent(cases, all));
	cJSON_AddItemToArray(rows, r);
}

#define VIEW_PROGRAMME_OF(col) \
	" AND (?2 IS NULL OR EXISTS (SELECT 1 FROM cases oc" \
	"  JOIN programme og ON og.id = oc.programme_id WHERE oc.id = " col \
	"  AND og.code = ?2))"

/* The cases of ?2 (or all) opened by ?1, by their status then. */
const char WF_SQL_VIEW_STATUSES[] =
	"SELECT" CASE_STATUS_ON("c", "?1") ", count(*) FROM cases c"
	" JOIN programme pr ON pr.id = c.programme_id"
	" WHERE c.opened_on <= ?1 AND (?2 IS NULL OR pr.code = ?2) GROUP BY 1";

/* How many cases stood in each status on the day, into left (the exits)
 * and *n (all of them). */
static int statuses(struct wf_ctx *ctx, const struct wf_view_opts *o,
                    cJSON *left, double *n, struct wf_err *e)
{
	char on[11];
	struct wf_stmt *s = view(ctx, WF_SQL_VIEW_STATUSES, o, on, e);
	int rc;

	if (!s)
		return e->code;
	while ((rc = wf_step(s)) == WF_ROW) {
		const char *status = wf_col_str(s, 0);

		*n += (double)wf_col_int64(s, 1);
		for (int i = 0; status && exits[i]; i++)
			if (!strcmp(status, exits[i]))
				wf_json_count(left, exits[i],
				              (double)wf_col_int64(s, 1));
	}
	wf_reset(s);
	return rc == WF_DONE ? 0 : wf_sql_err(ctx->st, rc, e);
}

/* How many cases of ?2 (or all) reached each step by ?1: screened,
 * assessing, eligible (the decision), planned (a plan), placed. */
const char WF_SQL_VIEW_STEPS[] =
	"SELECT (SELECT count(DISTINCT s.case_id) FROM case_status s"
	"  WHERE s.status = 'screened' AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date <= ?1"
	VIEW_PROGRAMME_OF("s.case_id") "),"
	" (SELECT count(DISTINCT s.case_id) FROM case_status s"
	"  WHERE s.status = 'assessing' AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date <= ?1"
	VIEW_PROGRAMME_OF("s.case_id") "),"
	" (SELECT count(DISTINCT d.case_id) FROM decision d"
	"  WHERE d.decision = 'eligible' AND d.date <= ?1"
	VIEW_PROGRAMME_OF("d.case_id") "),"
	" (SELECT count(DISTINCT p.case_id) FROM plan p WHERE p.agreed_on <= ?1"
	VIEW_PROGRAMME_OF("p.case_id") "),"
	" (SELECT count(DISTINCT s.case_id) FROM case_status s"
	"  WHERE s.status = 'placed' AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date <= ?1"
	VIEW_PROGRAMME_OF("s.case_id") ")";

int wf_report_funnel(struct wf_ctx *ctx, const struct wf_view_opts *o,
                     struct wf_err *e)
{
	cJSON *left = cJSON_CreateObject(), *rows = cJSON_CreateArray();
	struct wf_stmt *s;
	double n = 0;
	char on[11];
	int rc;

	if ((rc = wf_programme_known(ctx->st, o->programme, e)) ||
	    (rc = statuses(ctx, o, left, &n, e)) ||
	    !(s = view(ctx, WF_SQL_VIEW_STEPS, o, on, e))) {
		cJSON_Delete(left);
		cJSON_Delete(rows);
		return rc ? rc : e->code;
	}
	if ((rc = wf_step(s)) == WF_ROW && n)
		for (int i = 0; steps[i]; i++)
			funnel_row(rows, steps[i], on, i ? (double)wf_col_int64(
			           s, i - 1) : n, n);
	wf_reset(s);
	rc = rc == WF_ROW ? 0 : wf_sql_err(ctx->st, rc, e);
	for (int i = 0; !rc && exits[i]; i++) {
		const cJSON *v = cJSON_GetObjectItem(left, exits[i]);

		if (v)
			funnel_row(rows, exits[i], on, v->valuedouble, n);
	}
	if (!rc && n && ctx->fmt == WF_FMT_HTML && ctx->out)
		rc = wf_report_funnel_html(ctx, rows, o->programme, e);
	else if (!rc)
		rc = n ? emit_rows(ctx, rows, e)
		       : wf_err_set(e, WF_EX_NOMATCH, "no cases by %s", on);
	cJSON_Delete(left);
	cJSON_Delete(rows);
	return rc;
}

static const char *const open_statuses[] = { "referred", "screened",
                                             "assessing", "eligible",
                                             "planned", "placed", NULL };

static cJSON *operator_row(const char *op, const char *on)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", "caseload");
	cJSON_AddStringToObject(r, "id", op);
	cJSON_AddStringToObject(r, "operator", op);
	cJSON_AddStringToObject(r, "on", on);
	cJSON_AddNumberToObject(r, "cases", 0);
	for (int i = 0; open_statuses[i]; i++)
		cJSON_AddNumberToObject(r, open_statuses[i], 0);
	/* how many are the operator's by assignment, how many derived */
	cJSON_AddNumberToObject(r, "assigned", 0);
	cJSON_AddNumberToObject(r, "derived", 0);
	return r;
}

/* Rows of the caseload query come by operator: each operator's row is
 * emitted when the next begins. */
int wf_report_caseload(struct wf_ctx *ctx, const struct wf_view_opts *o,
                       struct wf_err *e)
{
	struct wf_stmt *s;
	cJSON *r = NULL;
	char on[11];
	long n = 0;
	int rc = 0, step;

	if ((rc = wf_programme_known(ctx->st, o->programme, e)))
		return rc;
	if (!(s = view(ctx, WF_SQL_VIEW_CASELOAD, o, on, e)))
		return e->code;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		const char *op = wf_col_str(s,
		                 CASELOAD_OPERATOR);
		double k = (double)wf_col_int64(s, CASELOAD_CASES);

		if (r && strcmp(wf_json_str(r, "operator"), op)) {
			rc = wf_emit(ctx, r, e);
			cJSON_Delete(r);
			r = NULL;
		}
		if (!r) {
			r = operator_row(op, on);
			n++;
		}
		wf_json_count(r, "cases", k);
		wf_json_count(r, wf_col_str(s, CASELOAD_STATUS),
		              k);
		wf_json_count(r, wf_col_int(s, CASELOAD_ASSIGNED)
		              ? "assigned" : "derived", k);
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	if (!rc && r)
		rc = wf_emit(ctx, r, e);
	cJSON_Delete(r);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no open cases on %s", on);
	return rc;
}
