/*
 * softexit.c - the soft exit: a programme may set soft_exit_days, and an
 * open case with no service for that long (no status change, session,
 * contact, attendance or placement change) is stale. wf case stale lists
 * those with the day of their last service; wf case close --soft-exit
 * closes one as of that day, with outcome no_contact, as workforce
 * programmes count exits.
 *
 * Tables: read only (cases, programme, and the steps' tables).
 */
#include <string.h>

#include "casefile.h"

const char wf_stale_columns[] = "id,programme,last_service,days,soft_exit_days";

static cJSON *stale_record(sqlite3_stmt *s)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", "stale");
	wf_col_add(r, "id", s, 0);
	wf_col_add(r, "case", s, 0);
	wf_col_add(r, "programme", s, 1);
	wf_col_add(r, "last_service", s, 3);
	cJSON_AddNumberToObject(r, "days", sqlite3_column_double(s, 4));
	cJSON_AddNumberToObject(r, "soft_exit_days", sqlite3_column_double(s, 2));
	return r;
}

/* The stale cases on day on (of programme, or all; of case, or all). */
static sqlite3_stmt *stale(struct wf_store *st, wf_day on,
                           const char *programme, const char *case_id,
                           struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, WF_SQL_CASE_STALE, e);
	char day[11];

	if (!s)
		return NULL;
	wf_date_format(on, day);
	wf_bind_text(s, 1, day);
	wf_bind_text(s, 2, programme);
	wf_bind_text(s, 3, case_id);
	return s;
}

int wf_case_stale(struct wf_ctx *ctx, const struct wf_view_opts *o,
                  struct wf_err *e)
{
	sqlite3_stmt *s;
	long n = 0;
	int rc = 0, step;
	char on[11];

	if ((rc = wf_programme_known(ctx->st, o->programme, e)) ||
	    !(s = stale(ctx->st, o->on, o->programme, NULL, e)))
		return rc ? rc : e->code;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		cJSON *r = stale_record(s);

		rc = wf_emit(ctx, r, e);
		cJSON_Delete(r);
		n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	sqlite3_reset(s);
	wf_date_format(o->on, on);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no stale cases on %s", on);
	return rc;
}

int wf_case_last_service(struct wf_store *st, const struct wf_case *c,
                         char *date, struct wf_err *e)
{
	sqlite3_stmt *s = stale(st, wf_date_today(), NULL, c->id, e);
	int rc;

	if (!s)
		return e->code;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		wf_col_text(s, 3, date, 11);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return wf_sql_err(st, rc, e);
	return wf_err_set(e, WF_EX_DATAERR, "case '%s' is not stale: a soft exit "
	                  "needs the days its programme '%s' sets "
	                  "(soft_exit_days) without a service ('wf case stale' "
	                  "lists those that are)", c->id, c->programme);
}
