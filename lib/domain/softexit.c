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

/* The open cases (of ?2, or all; ?3, or all) of programmes that set
 * soft_exit_days, whose last service on or before ?1 (a status change,
 * a session, a contact, a placement change, the last day of a month of
 * attendance) is more than that many days before it; oldest first. */
static const char SQL_CASE_STALE[] =
	"SELECT id, programme, days, last, julianday(?1) - julianday(last)"
	" FROM (SELECT c.id AS id, pr.code AS programme,"
	"  CAST(json_extract(pr.definition, '$.soft_exit_days') AS INTEGER)"
	"  AS days,"
	"  (SELECT max(d) FROM ("
	"   SELECT s.effective_date AS d FROM case_status s"
	"    WHERE s.case_id = c.id AND s.effective_date <= ?1"
	"   UNION ALL SELECT a.date FROM assessment_session a"
	"    WHERE a.case_id = c.id AND a.date <= ?1"
	"   UNION ALL SELECT k.date FROM contact k"
	"    WHERE k.case_id = c.id AND k.date <= ?1"
	"   UNION ALL SELECT ps.effective_date FROM placement_status ps"
	"    JOIN placement p ON p.id = ps.placement_id"
	"    WHERE p.case_id = c.id AND ps.effective_date <= ?1"
	"   UNION ALL SELECT min(date(t.month || '-01', '+1 month', '-1 day'),"
	"    ?1) FROM attendance t JOIN placement p ON p.id = t.placement_id"
	"    WHERE p.case_id = c.id AND t.month || '-01' <= ?1)) AS last"
	"  FROM cases c JOIN programme pr ON pr.id = c.programme_id"
	"  WHERE c.status IN " OPEN_STATUSES
	"  AND (?2 IS NULL OR pr.code = ?2) AND (?3 IS NULL OR c.id = ?3)"
	"  AND json_extract(pr.definition, '$.soft_exit_days') IS NOT NULL)"
	" WHERE julianday(?1) - julianday(last) > days ORDER BY last, id";
enum {
	STALE_ID, STALE_PROGRAMME, STALE_DAYS, STALE_LAST, STALE_IDLE
};

static cJSON *stale_record(struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", "stale");
	wf_col_add(r, "id", s, STALE_ID);
	wf_col_add(r, "case", s, STALE_ID);
	wf_col_add(r, "programme", s, STALE_PROGRAMME);
	wf_col_add(r, "last_service", s, STALE_LAST);
	cJSON_AddNumberToObject(r, "days", wf_col_double(s, STALE_IDLE));
	cJSON_AddNumberToObject(r, "soft_exit_days",
	                        wf_col_double(s, STALE_DAYS));
	return r;
}

/* The stale cases on day on (of programme, or all; of case, or all). */
static struct wf_stmt *stale(struct wf_store *st, wf_day on,
                           const char *programme, const char *case_id,
                           struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_CASE_STALE, e);
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
	struct wf_stmt *s;
	long n = 0;
	int rc = 0, step;
	char on[11];

	if ((rc = wf_programme_known(ctx->st, o->programme, e)) ||
	    !(s = stale(ctx->st, o->on, o->programme, NULL, e)))
		return rc ? rc : e->code;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r = stale_record(s);

		rc = wf_emit(ctx, r, e);
		cJSON_Delete(r);
		n++;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	wf_date_format(o->on, on);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no stale cases on %s", on);
	return rc;
}

int wf_case_last_service(struct wf_store *st, const struct wf_case *c,
                         char *date, struct wf_err *e)
{
	struct wf_stmt *s = stale(st, wf_date_today(), NULL, c->id, e);
	int rc;

	if (!s)
		return e->code;
	if ((rc = wf_step(s)) == WF_ROW)
		wf_col_text(s, STALE_LAST, date, 11);
	wf_reset(s);
	if (rc == WF_ROW)
		return 0;
	if (rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	return wf_err_set(e, WF_EX_DATAERR, "case '%s' is not stale: a soft exit "
	                  "needs the days its programme '%s' sets "
	                  "(soft_exit_days) without a service ('wf case stale' "
	                  "lists those that are)", c->id, c->programme);
}
