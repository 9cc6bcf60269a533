/*
 * placerecord.c - the placement record as the commands print it (money in
 * euros, the host tutor as a mapping, the history on show), and the
 * queries that list and show placements. The record is valid input to
 * 'wf-place add'.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

/* A placement: the columns in the order of fill()'s enum. */
#define PREC_SELECT \
	"SELECT p.id, p.case_id, p.type, o.code, p.host_tutor," \
	" p.host_tutor_contact, p.service_tutor, p.start, p.end_date," \
	" p.hours_week, p.stipend_cents, p.meals, p.funding, p.plan_action," \
	" p.contract, p.law68_quota, p.status, p.status_date, p.outcome," \
	" p.reason, p.hire, p.notes" \
	" FROM placement p JOIN organisation o ON o.id = p.host_id"

static const char SQL_PREC_GET[] = PREC_SELECT " WHERE p.id = ?";
enum {
	GET_ID, GET_CASE, GET_TYPE, GET_HOST, GET_TUTOR, GET_TUTOR_CONTACT,
	GET_SERVICE_TUTOR, GET_START, GET_END, GET_HOURS_WEEK, GET_STIPEND,
	GET_MEALS, GET_FUNDING, GET_PLAN_ACTION, GET_CONTRACT, GET_LAW68_QUOTA,
	GET_STATUS, GET_STATUS_DATE, GET_OUTCOME, GET_REASON, GET_HIRE,
	GET_NOTES
};

/* A row of SQL_PREC_GET into the record's shape. */
static void fill(cJSON *r, struct wf_stmt *s)
{
	static const char *const head[] = { "id", "case", "type", "host" };
	static const char *const tail[] = { "status", "status_date", "outcome",
	                                    "reason", "hire", "notes" };
	cJSON *t;
	char money[32];

	cJSON_AddStringToObject(r, "kind", "placement");
	for (int i = GET_ID; i <= GET_HOST; i++)
		wf_col_add(r, head[i - GET_ID], s, i);
	if (!wf_col_null(s, GET_TUTOR)) {
		t = cJSON_AddObjectToObject(r, "host_tutor");
		wf_col_add(t, "name", s, GET_TUTOR);
		wf_col_add(t, "contact", s, GET_TUTOR_CONTACT);
	}
	wf_col_add(r, "service_tutor", s, GET_SERVICE_TUTOR);
	wf_col_add(r, "start", s, GET_START);
	wf_col_add(r, "end", s, GET_END);
	wf_col_add(r, "hours_week", s, GET_HOURS_WEEK);
	if (!wf_col_null(s, GET_STIPEND)) {
		wf_money_format(wf_col_int64(s, GET_STIPEND), money,
		                sizeof money);
		cJSON_AddStringToObject(r, "stipend", money);
	}
	if (wf_col_int(s, GET_MEALS))
		cJSON_AddTrueToObject(r, "meals");
	wf_col_add(r, "funding", s, GET_FUNDING);
	wf_col_add(r, "plan_action", s, GET_PLAN_ACTION);
	if (!wf_col_null(s, GET_CONTRACT)) {
		t = cJSON_AddObjectToObject(r, "contract");
		wf_col_add(t, "type", s, GET_CONTRACT);
		cJSON_AddBoolToObject(t, "law68_quota",
		                      wf_col_int(s, GET_LAW68_QUOTA));
	}
	for (int i = GET_STATUS; i <= GET_NOTES; i++)
		wf_col_add(r, tail[i - GET_STATUS], s, i);
}

/* The changes of a placement: the columns are the record's keys. */
static const char SQL_PREC_HISTORY[] =
	"SELECT status, effective_date AS date, outcome, reason, note,"
	" recorded_at, operator FROM placement_status WHERE placement_id = ?"
	" ORDER BY id";

cJSON *wf_placement_record(struct wf_store *st, const char *id, int history,
                           struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_PREC_GET, id, WF_EX_NOMATCH,
	                             "placement", e);
	cJSON *r, *h;

	if (!s)
		return NULL;
	r = cJSON_CreateObject();
	fill(r, s);
	wf_reset(s);
	if (!history)
		return r;
	h = cJSON_AddArrayToObject(r, "history");
	if (wf_sql_each(st, SQL_PREC_HISTORY, id, 0, wf_row_push, h, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

static cJSON *placement_of_row(struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject();

	fill(r, s);
	return r;
}

static cJSON *placement_all(struct wf_store *st, const char *id,
                            struct wf_err *e)
{
	return wf_placement_record(st, id, 1, e);
}

void wf_place_filter_dates(struct wf_place_filter *f)
{
	wf_day d = wf_date_today();

	if (!f->ending_within)
		return;
	wf_date_format(d, f->from);
	wf_date_format(d + strtol(f->ending_within, NULL, 10), f->until);
}

/* The records whole, a statement for them all. */
static const char SQL_PREC_LIST[] =
	PREC_SELECT
	" WHERE (?1 IS NULL OR p.status = ?1)"
	" AND (?2 IS NULL OR p.type = ?2)"
	" AND (?3 IS NULL OR o.code = ?3)"
	" AND (?4 IS NULL OR (p.id IN" PLACEMENTS_RUNNING_BY("?4")
	"  AND" PLACEMENT_STATUS_ON("p", "?4") " = 'active'))"
	" AND (?5 IS NULL OR (p.status <> 'ended' AND p.status <> 'cancelled'"
	"  AND p.end_date >= ?5 AND p.end_date <= ?6))"
	" AND (?7 IS NULL OR p.case_id = ?7)"
	" ORDER BY p.start, p.case_id, " WF_SQL_PLACEMENT_NUM("p");

int wf_place_list(struct wf_ctx *ctx, const struct wf_place_filter *f,
                  struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PREC_LIST, e);

	if (!s)
		return e->code;
	if (f->ending_within) {
		wf_bind_text(s, 5, f->from);
		wf_bind_text(s, 6, f->until);
	}
	wf_bind_text(s, 1, f->status);
	wf_bind_text(s, 2, f->type);
	wf_bind_text(s, 3, f->host);
	wf_bind_text(s, 4, f->active_on);
	wf_bind_text(s, 7, f->case_id);
	return wf_emit_made(ctx, s, placement_of_row, "no placements match", e);
}

/* A placement id has the case's id and a number: 2026-0005.1. */
static int is_placement(const char *operand)
{
	return strchr(operand, '.') != NULL;
}

int wf_place_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                  struct wf_err *e)
{
	static const struct wf_case_items items = {
		is_placement, WF_SQL_PREC_OF_CASE, N_("placements")
	};

	return wf_show_items(ctx, ids, placement_all, &items, e);
}
