/*
 * placerecord.c - the placement record as the commands print it (money in
 * euros, the host tutor as a mapping, the history on show), and the
 * queries that list and show placements. The record is valid input to
 * 'wf-place add'.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

static void history_row(cJSON *list, sqlite3_stmt *s)
{
	static const char *const names[] = { "status", "date", "outcome",
	                                     "reason", "note", "recorded_at",
	                                     "operator" };
	cJSON *h = cJSON_CreateObject();

	for (int i = 0; i < 7; i++)
		wf_col_add(h, names[i], s, i);
	cJSON_AddItemToArray(list, h);
}

/* Columns 0..21 of WF_SQL_PREC_GET into the record's shape. */
static void fill(cJSON *r, sqlite3_stmt *s)
{
	static const char *const head[] = { "id", "case", "type", "host" };
	static const char *const tail[] = { "status", "status_date", "outcome",
	                                    "reason", "hire", "notes" };
	cJSON *t;
	char money[32];

	cJSON_AddStringToObject(r, "kind", "placement");
	for (int i = 0; i < 4; i++)
		wf_col_add(r, head[i], s, i);
	if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
		t = cJSON_AddObjectToObject(r, "host_tutor");
		wf_col_add(t, "name", s, 4);
		wf_col_add(t, "contact", s, 5);
	}
	wf_col_add(r, "service_tutor", s, 6);
	wf_col_add(r, "start", s, 7);
	wf_col_add(r, "end", s, 8);
	wf_col_add(r, "hours_week", s, 9);
	if (sqlite3_column_type(s, 10) != SQLITE_NULL) {
		wf_money_format(sqlite3_column_int64(s, 10), money, sizeof money);
		cJSON_AddStringToObject(r, "stipend", money);
	}
	if (sqlite3_column_int(s, 11))
		cJSON_AddTrueToObject(r, "meals");
	wf_col_add(r, "funding", s, 12);
	wf_col_add(r, "plan_action", s, 13);
	if (sqlite3_column_type(s, 14) != SQLITE_NULL) {
		t = cJSON_AddObjectToObject(r, "contract");
		wf_col_add(t, "type", s, 14);
		cJSON_AddBoolToObject(t, "law68_quota", sqlite3_column_int(s, 15));
	}
	for (int i = 0; i < 6; i++)
		wf_col_add(r, tail[i], s, 16 + i);
}

cJSON *wf_placement_record(struct wf_store *st, const char *id, int history,
                           struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql_row(st, WF_SQL_PREC_GET, id, WF_EX_NOMATCH,
	                             "placement", e);
	cJSON *r, *h;

	if (!s)
		return NULL;
	r = cJSON_CreateObject();
	fill(r, s);
	sqlite3_reset(s);
	if (!history)
		return r;
	h = cJSON_AddArrayToObject(r, "history");
	if (wf_sql_each(st, WF_SQL_PREC_HISTORY, id, 0, history_row, h, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

static cJSON *placement_now(struct wf_store *st, const char *id,
                            struct wf_err *e)
{
	return wf_placement_record(st, id, 0, e);
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

int wf_place_list(struct wf_ctx *ctx, const struct wf_place_filter *f,
                  struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(ctx->st, WF_SQL_PREC_LIST, e);

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
	return wf_emit_rows(ctx, s, placement_now, "no placements match", e);
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
