/*
 * attend.c - attendance and stipends. Each month the hours attended are
 * recorded against the hours planned (the placement's hours a week over
 * the working days it ran that month); the stipend due follows the
 * programme's attendance rule: the month's stipend in full at the
 * threshold or above, below it pro rata or nothing. A month recorded again
 * replaces the earlier figures. 'stipends' lists what is due, for the
 * accounts office.
 *
 * Tables: attendance (and reads placement, cases, person, organisation).
 */
#include <string.h>

#include "casefile.h"

const char wf_stipend_columns[] =
	"case,placement,person.last_name,person.first_name,person.tax_code,host,"
	"month,hours_planned,hours_attended,percent,stipend,due";

static const char *const attend_kinds[] = { "attendance", NULL };
static const struct wf_field attend_fields[] = {
	{ "kind", WF_T_ENUM, 0, attend_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "placement", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "case", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "month", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "hours", WF_T_INT, WF_F_REQUIRED, NULL, NULL, 0, 1000 },
	{ "hours_planned", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "percent", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "stipend", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "due", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "pay", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema attend_schema = { "attendance", attend_fields };

/* a * b / c rounded half up, in integers: money stays exact. */
static long long muldiv(long long a, long long b, long long c)
{
	return c ? (a * b * 2 + c) / (2 * c) : 0;
}

/* The days of the month the placement ran: from its start to its end (or
 * the day it ended). Returns 0 when it did not run that month. */
static int days_run(const struct wf_placement *p, wf_day first, wf_day last,
                    wf_day *from, wf_day *to)
{
	wf_day s, e, ended;

	wf_date_parse(p->start, &s);
	wf_date_parse(p->end, &e);
	if (!strcmp(p->status, "ended") &&
	    wf_date_parse(p->status_date, &ended) == 0 && ended < e)
		e = ended;
	*from = s > first ? s : first;
	*to = e < last ? e : last;
	return strcmp(p->status, "planned") && strcmp(p->status, "cancelled") &&
	       *from <= *to;
}

/* The percent of the planned hours from which the stipend is paid in
 * full (the programme's attendance.full_at_percent, else 100). */
static int full_at(const cJSON *prog)
{
	const cJSON *full = wf_json_path(prog, "attendance.full_at_percent");

	return cJSON_IsNumber(full) ? full->valueint : 100;
}

/* What is due for hours attended of planned, by the programme's rule. */
static long long due(const cJSON *prog, long long base, int attended,
                     int planned)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(prog, "attendance");
	const char *below = wf_json_str(rule, "below");
	int threshold = full_at(prog);

	if (planned == 0 ||
	    (long long)attended * 100 >= (long long)threshold * planned)
		return base;
	if (below && !strcmp(below, "none"))
		return 0;
	return muldiv(base, attended, planned);
}

static cJSON *attendance_record(const struct wf_placement *p, const char *month,
                                int planned, int attended, long long stipend,
                                long long owed)
{
	cJSON *r = cJSON_CreateObject();
	char id[64], money[32];

	snprintf(id, sizeof id, "%s/%s", p->id, month);
	cJSON_AddStringToObject(r, "kind", "attendance");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "placement", p->id);
	cJSON_AddStringToObject(r, "case", p->case_id);
	cJSON_AddStringToObject(r, "month", month);
	cJSON_AddNumberToObject(r, "hours", attended);
	cJSON_AddNumberToObject(r, "hours_planned", planned);
	cJSON_AddNumberToObject(r, "percent", planned ? attended * 100 / planned : 0);
	if (stipend >= 0) {
		wf_money_format(stipend, money, sizeof money);
		cJSON_AddStringToObject(r, "stipend", money);
		wf_money_format(owed, money, sizeof money);
		cJSON_AddStringToObject(r, "due", money);
	}
	return r;
}

static const char SQL_ATTEND_PUT[] =
	"INSERT INTO attendance (placement_id, month, hours_attended,"
	" hours_planned, due_cents, recorded_at, operator)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (placement_id, month)"
	" DO UPDATE SET hours_attended = excluded.hours_attended,"
	" hours_planned = excluded.hours_planned, due_cents = excluded.due_cents,"
	" recorded_at = excluded.recorded_at, operator = excluded.operator";

static int store(struct wf_ctx *ctx, const struct wf_placement *p,
                 const char *month, int attended, int planned, long long owed,
                 struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_ATTEND_PUT, e);
	char now[32];

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, p->id);
	wf_bind_text(s, 2, month);
	wf_bind_int(s, 3, attended);
	wf_bind_int(s, 4, planned);
	wf_bind_int64(s, 5, owed);
	wf_bind_text(s, 6, now);
	wf_bind_text(s, 7, ctx->operator_);
	return wf_sql_done(ctx->st, s, e);
}

/* Check an attendance record and work out what it is worth, as
 * recording it does: the month, the placement running in it, the hours
 * possible, the stipend's share and what is due. */
static int reckon(struct wf_ctx *ctx, struct wf_record *rec,
                  struct wf_placement *p, int *planned, long long *base,
                  long long *owed, int *threshold, struct wf_err *e)
{
	const cJSON *r = rec->root;
	const char *month;
	struct wf_case c;
	wf_day first, last, from, to;
	cJSON *prog;
	int rc, attended;

	*base = -1;
	*owed = 0;
	if (!cJSON_IsObject(r))
		return wf_record_err(rec, r, "", e, WF_EX_DATAERR,
		                     "expected an attendance record");
	if ((rc = wf_validate(rec, rec->root, &attend_schema, "", e)))
		return rc;
	month = wf_json_str(r, "month");
	attended = cJSON_GetObjectItemCaseSensitive(r, "hours")->valueint;
	if (wf_month_parse(month, &first, &last) < 0)
		return wf_record_err(rec, wf_json_path(r, "month"), "month", e,
		                     WF_EX_DATAERR, "'%s' is not a month (YYYY-MM)",
		                     month);
	if (first > wf_date_today())
		return wf_record_err(rec, wf_json_path(r, "month"), "month", e,
		                     WF_EX_DATAERR, "%s has not begun", month);
	if (wf_place_load(ctx->st, wf_json_str(r, "placement"), p, e))
		return wf_record_at(rec, wf_json_path(r, "placement"), "placement", e);
	if (!days_run(p, first, last, &from, &to))
		return wf_record_err(rec, wf_json_path(r, "month"), "month", e,
		                     WF_EX_DATAERR, "placement '%s' (%s, %s..%s) did "
		                     "not run in %s", p->id, p->status, p->start,
		                     p->end, month);
	*planned = (int)muldiv(p->hours_week, wf_workdays(from, to), 5);
	if (attended > *planned)
		return wf_record_err(rec, wf_json_path(r, "hours"), "hours", e,
		                     WF_EX_DATAERR, "placement '%s': %d hours is more "
		                     "than the %d possible in %s (%d a week, %d "
		                     "working days)", p->id, attended, *planned, month,
		                     p->hours_week, wf_workdays(from, to));
	if (p->stipend < 0)
		return 0;
	/* A month run in part earns its share of working days. */
	*base = muldiv(p->stipend, wf_workdays(from, to), wf_workdays(first, last));
	if ((rc = wf_case_load(ctx->st, p->case_id, &c, e)) ||
	    !(prog = wf_programme_get(ctx->st, c.programme, e)))
		return rc ? rc : e->code;
	*owed = due(prog, *base, attended, *planned);
	*threshold = full_at(prog);
	cJSON_Delete(prog);
	return 0;
}

/* How the month is paid, as a code, and in words for whoever records it
 * when it is less than the stipend. */
static const char *pay(struct wf_ctx *ctx, const char *id, int planned,
                       int attended, long long base, long long owed,
                       int threshold)
{
	int pc = planned ? attended * 100 / planned : 0;

	if (owed == base)
		return "full";
	if (owed == 0)
		wf_warn(ctx, "%s: %d%% attendance: not paid, pay needs %d%%", id, pc,
		        threshold);
	else
		wf_warn(ctx, "%s: %d%% attendance: paid pro rata, full pay needs "
		        "%d%%", id, pc, threshold);
	return owed ? "pro_rata" : "none";
}

int wf_place_attend(struct wf_ctx *ctx, struct wf_record *rec,
                    struct wf_err *e)
{
	const char *month;
	struct wf_placement p;
	cJSON *out;
	long long base = -1, owed = -1;
	int rc, planned, attended, threshold = 100;
	char id[64];

	if ((rc = reckon(ctx, rec, &p, &planned, &base, &owed, &threshold, e)))
		return rc;
	month = wf_json_str(rec->root, "month");
	attended = cJSON_GetObjectItemCaseSensitive(rec->root, "hours")->valueint;
	if ((rc = store(ctx, &p, month, attended, planned, owed, e)))
		return rc;
	out = attendance_record(&p, month, planned, attended, base, owed);
	if (base >= 0) {
		snprintf(id, sizeof id, "%s/%s", p.id, month);
		cJSON_AddStringToObject(out, "pay", pay(ctx, id, planned, attended,
		                                        base, owed, threshold));
	}
	rc = wf_audit(ctx, "attend", "placement", p.id, out, e);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

static const char SQL_ATTEND_MONTH[] =
	"SELECT a.placement_id, p.case_id, pe.last_name, pe.first_name,"
	" pe.tax_code, o.code, a.month, a.hours_planned, a.hours_attended,"
	" p.stipend_cents, a.due_cents"
	" FROM attendance a JOIN placement p ON p.id = a.placement_id"
	" JOIN cases c ON c.id = p.case_id JOIN person pe ON pe.id = c.person_id"
	" JOIN organisation o ON o.id = p.host_id WHERE a.month = ?"
	" ORDER BY pe.last_name, pe.first_name, a.placement_id";
enum {
	MON_PLACEMENT, MON_CASE, MON_LAST_NAME, MON_FIRST_NAME, MON_TAX_CODE,
	MON_HOST, MON_MONTH, MON_PLANNED, MON_ATTENDED, MON_STIPEND, MON_DUE
};

static void stipend_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject(), *p;
	char id[64], money[32];
	int planned = wf_col_int(s, MON_PLANNED);
	int attended = wf_col_int(s, MON_ATTENDED);

	snprintf(id, sizeof id, "%s/%s", wf_col_str(s, MON_PLACEMENT),
	         wf_col_str(s, MON_MONTH));
	cJSON_AddStringToObject(r, "kind", "stipend");
	cJSON_AddStringToObject(r, "id", id);
	wf_col_add(r, "case", s, MON_CASE);
	wf_col_add(r, "placement", s, MON_PLACEMENT);
	p = cJSON_AddObjectToObject(r, "person");
	wf_col_add(p, "last_name", s, MON_LAST_NAME);
	wf_col_add(p, "first_name", s, MON_FIRST_NAME);
	wf_col_add(p, "tax_code", s, MON_TAX_CODE);
	wf_col_add(r, "host", s, MON_HOST);
	wf_col_add(r, "month", s, MON_MONTH);
	cJSON_AddNumberToObject(r, "hours_planned", planned);
	cJSON_AddNumberToObject(r, "hours_attended", attended);
	cJSON_AddNumberToObject(r, "percent", planned ? attended * 100 / planned : 0);
	if (!wf_col_null(s, MON_STIPEND)) {
		wf_money_format(wf_col_int64(s, MON_STIPEND), money,
		                sizeof money);
		cJSON_AddStringToObject(r, "stipend", money);
	}
	wf_money_format(wf_col_int64(s, MON_DUE), money, sizeof money);
	cJSON_AddStringToObject(r, "due", money);
	cJSON_AddItemToArray(list, r);
}

int wf_place_stipends(struct wf_ctx *ctx, const char *month, struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray();
	const cJSON *r;
	wf_day a, b;
	int rc;

	if (!month || wf_month_parse(month, &a, &b) < 0) {
		cJSON_Delete(list);
		return wf_err_set(e, WF_EX_USAGE, "stipends needs --month YYYY-MM");
	}
	rc = wf_sql_each(ctx->st, SQL_ATTEND_MONTH, month, 0, stipend_row, list,
	                 e);
	cJSON_ArrayForEach(r, list)
		if (!rc)
			rc = wf_emit(ctx, r, e);
	if (!rc && !cJSON_GetArraySize(list))
		rc = wf_err_set(e, WF_EX_NOMATCH, "no attendance recorded for %s",
		                (const char *)month);
	cJSON_Delete(list);
	return rc;
}

/* ---- corrections ------------------------------------------------------- */

/* "PLACEMENT/MONTH": the attendance's placement and month. */
static int split_id(const char *id, char *pl, size_t len, const char **month)
{
	const char *slash = strrchr(id, '/');

	if (!slash || slash == id || (size_t)(slash - id) >= len)
		return -1;
	snprintf(pl, len, "%.*s", (int)(slash - id), id);
	*month = slash + 1;
	return 0;
}

static const char SQL_ATTEND_GET[] =
	"SELECT a.placement_id, p.case_id, a.month, a.hours_attended,"
	" a.hours_planned, a.due_cents, p.stipend_cents"
	" FROM attendance a JOIN placement p ON p.id = a.placement_id"
	" WHERE a.placement_id = ? AND a.month = ?";
enum { GET_PLACEMENT, GET_CASE, GET_MONTH, GET_HOURS, GET_PLANNED, GET_DUE,
       GET_STIPEND };

cJSON *wf_attendance_get(struct wf_store *st, const char *id,
                         struct wf_err *e)
{
	char pl[48], money[32];
	const char *month;
	struct wf_stmt *s;
	cJSON *r;
	int rc;

	if (split_id(id, pl, sizeof pl, &month)) {
		wf_err_set(e, WF_EX_DATAERR, "'%s' is not an attendance: "
		           "PLACEMENT/MONTH", id);
		return NULL;
	}
	if (!(s = wf_sql(st, SQL_ATTEND_GET, e)))
		return NULL;
	wf_bind_text(s, 1, pl);
	wf_bind_text(s, 2, month);
	if ((rc = wf_step(s)) != WF_ROW) {
		wf_reset(s);
		if (rc == WF_DONE)
			wf_err_set(e, WF_EX_NOMATCH, "attendance '%s' not found", id);
		else
			wf_sql_err(st, rc, e);
		return NULL;
	}
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "attendance");
	cJSON_AddStringToObject(r, "id", id);
	wf_col_add(r, "placement", s, GET_PLACEMENT);
	wf_col_add(r, "case", s, GET_CASE);
	wf_col_add(r, "month", s, GET_MONTH);
	wf_col_add(r, "hours", s, GET_HOURS);
	wf_col_add(r, "hours_planned", s, GET_PLANNED);
	if (!wf_col_null(s, GET_STIPEND)) {
		wf_money_format(wf_col_int64(s, GET_DUE), money, sizeof money);
		cJSON_AddStringToObject(r, "due", money);
	}
	wf_reset(s);
	return r;
}

int wf_attendance_amend(struct wf_ctx *ctx, struct wf_record *rec,
                        const char *id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	char pl[48];
	const char *month = "";
	struct wf_placement p;
	long long base, owed;
	int rc, planned, threshold;

	split_id(id, pl, sizeof pl, &month);
	if (!wf_json_str(r, "placement") || strcmp(wf_json_str(r, "placement"), pl))
		return wf_record_err(rec, wf_json_path(r, "placement"), "placement",
		                     e, WF_EX_DATAERR, "an attendance is its "
		                     "placement's month: void it and record the "
		                     "right one");
	if (!wf_json_str(r, "month") || strcmp(wf_json_str(r, "month"), month))
		return wf_record_err(rec, wf_json_path(r, "month"), "month", e,
		                     WF_EX_DATAERR, "an attendance is its "
		                     "placement's month: void it and record the "
		                     "right one");
	if ((rc = reckon(ctx, rec, &p, &planned, &base, &owed, &threshold, e)))
		return rc;
	return store(ctx, &p, month,
	             cJSON_GetObjectItemCaseSensitive(r, "hours")->valueint,
	             planned, owed, e);
}

int wf_attendance_check(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	struct wf_record rec = { 0 };
	struct wf_placement p;
	long long base, owed;
	int rc, planned, threshold;

	if (!(rec.root = wf_attendance_get(ctx->st, id, e)))
		return e->code;
	rc = reckon(ctx, &rec, &p, &planned, &base, &owed, &threshold, e);
	cJSON_Delete(rec.root);
	return rc;
}
