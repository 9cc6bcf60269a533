/*
 * followup.c - after a path: the person's situation on leaving (within
 * four weeks of the case's closing) and six months after, which the
 * funder's result indicators count. The first is usually given when the
 * case is closed (wf case close --situation); both may be recorded later,
 * each within its window, and a later one of the same kind replaces the
 * earlier in the reports.
 *
 * Tables: follow_up.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

const char *const wf_follow_up_times[] = { "leaving", "six_months", NULL };
const char *const wf_situations[] = { "employed", "job_searching",
                                      "education", "qualification",
                                      "improved", "none", NULL };
const char wf_follow_up_columns[] = "id,case,at,date,situation,operator";

static const char *const follow_up_kinds[] = { "follow_up", NULL };
static const struct wf_field follow_up_fields[] = {
	{ "kind", WF_T_ENUM, 0, follow_up_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "at", WF_T_ENUM, WF_F_REQUIRED, wf_follow_up_times, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "left_on", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "situation", WF_T_ENUMS, WF_F_REQUIRED, wf_situations, NULL, 0, 0 },
	{ "operator", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema follow_up_schema = { "follow_up",
                                                   follow_up_fields };

int wf_situation_check(const cJSON *list, const char *at, char *why,
                       size_t len)
{
	const cJSON *v;
	int n = 0, none = 0;

	cJSON_ArrayForEach(v, list) {
		int known = 0;

		for (int i = 0; cJSON_IsString(v) && wf_situations[i]; i++)
			known |= !strcmp(wf_situations[i], v->valuestring);
		if (!known) {
			char names[128];

			wf_join(wf_situations, names, sizeof names);
			snprintf(why, len, _("'%s' is not one of: %s"),
			         cJSON_IsString(v) ? v->valuestring : "?", names);
			return -1;
		}
		none |= !strcmp(v->valuestring, "none");
		/* An improved situation is judged against the job held at
		 * entry, which takes time to show: the funder asks it six
		 * months on. */
		if (!strcmp(v->valuestring, "improved") && !strcmp(at, "leaving")) {
			snprintf(why, len, _("'improved' is recorded six months after "
			         "leaving, not on leaving"));
			return -1;
		}
		n++;
	}
	if (!n)
		snprintf(why, len, _("give at least one situation (or 'none')"));
	else if (none && n > 1)
		snprintf(why, len, _("'none' does not go with another situation"));
	return !n || (none && n > 1) ? -1 : 0;
}

/* Within four weeks for the situation on leaving, and from six to nine
 * months (a quarter to reach the person) for six months after. */
void wf_follow_up_window(const char *at, wf_day left, wf_day *from,
                         wf_day *to)
{
	if (!strcmp(at, "leaving")) {
		*from = left;
		*to = left + 28;
	} else {
		*from = wf_date_add_months(left, 6);
		*to = wf_date_add_months(left, 9);
	}
}

static int in_window(const char *at, const char *left, const char *date,
                     char *why, size_t len)
{
	wf_day l, d, from, to;
	char a[11], b[11];

	if (wf_date_parse(left, &l) < 0 || wf_date_parse(date, &d) < 0) {
		snprintf(why, len, _("'%s' is not a date"), date);
		return -1;
	}
	wf_follow_up_window(at, l, &from, &to);
	if (d >= from && d <= to)
		return 0;
	wf_date_format(from, a);
	wf_date_format(to, b);
	snprintf(why, len, _("%s is outside the window of the situation %s (%s "
	         "to %s, for a case closed on %s)"), date,
	         wf_label("at", at),
	         a, b, left);
	return -1;
}

/* With the closing it follows: the latest on or before its date. */
static const char SQL_FOLLOW_GET[] =
	"SELECT f.id, f.case_id, f.at, f.date,"
	" (SELECT max(c.date) FROM case_closure c"
	"  WHERE c.case_id = f.case_id AND c.date <= f.date),"
	" f.situation, f.operator, f.notes FROM follow_up f WHERE f.id = ?";
enum {
	FUP_ID, FUP_CASE, FUP_AT, FUP_DATE, FUP_LEFT_ON, FUP_SITUATION,
	FUP_OPERATOR, FUP_NOTES
};

static void follow_up_row(cJSON *r, struct wf_stmt *s)
{
	cJSON *list;
	const char *t;

	cJSON_AddStringToObject(r, "kind", "follow_up");
	wf_col_add(r, "id", s, FUP_ID);
	wf_col_add(r, "case", s, FUP_CASE);
	wf_col_add(r, "at", s, FUP_AT);
	wf_col_add(r, "date", s, FUP_DATE);
	wf_col_add(r, "left_on", s, FUP_LEFT_ON);
	t = wf_col_str(s, FUP_SITUATION);
	list = t ? cJSON_Parse(t) : NULL;
	cJSON_AddItemToObject(r, "situation", list ? list : cJSON_CreateArray());
	wf_col_add(r, "operator", s, FUP_OPERATOR);
	wf_col_add(r, "notes", s, FUP_NOTES);
}

cJSON *wf_follow_up_record(struct wf_store *st, long long id,
                           struct wf_err *e)
{
	cJSON *r = cJSON_CreateObject();

	if (wf_sql_each(st, SQL_FOLLOW_GET, NULL, id, follow_up_row, r, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	if (!r->child) {
		wf_err_set(e, WF_EX_NOMATCH, "follow-up %lld not found",
		           (long long)id);
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* A new follow-up's number is past every follow-up's, voided ones too. */
static const char SQL_FOLLOW_INSERT[] =
	"INSERT INTO follow_up (case_id, at, date, situation, notes, operator,"
	" recorded_at, id) VALUES (?, ?, ?, ?, ?, ?, ?,"
	" 1 + max(coalesce((SELECT max(id) FROM follow_up), 0),"
	" coalesce((SELECT max(record_num) FROM voided"
	" WHERE kind = 'follow_up'), 0)))";

int wf_follow_up_insert(struct wf_ctx *ctx, const char *case_id,
                        const char *at, const char *date,
                        const cJSON *situation, const char *operator_,
                        const char *notes, long long *id,
                        struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_FOLLOW_INSERT, e);
	cJSON *out;
	char now[32];
	int rc;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, case_id);
	wf_bind_text(s, 2, at);
	wf_bind_text(s, 3, date);
	wf_bind_json(s, 4, situation);
	wf_bind_text(s, 5, notes);
	wf_bind_text(s, 6, operator_ ? operator_ : ctx->operator_);
	wf_bind_text(s, 7, now);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	*id = wf_sql_last_id(ctx->st);
	if (!(out = wf_follow_up_record(ctx->st, *id, e)))
		return e->code;
	rc = wf_audit(ctx, "follow-up", "case", case_id, out, e);
	cJSON_Delete(out);
	return rc;
}

/* A follow-up is of a closed case, dated in its window and not later than
 * today. */
static int check_follow_up(struct wf_ctx *ctx, const struct wf_record *rec,
                           const cJSON *r, struct wf_err *e)
{
	const char *date = wf_json_str(r, "date"), *at = wf_json_str(r, "at");
	struct wf_case c;
	char why[256], today[11];

	wf_date_format(wf_date_today(), today);
	if (wf_case_load(ctx->st, wf_json_str(r, "case"), &c, e))
		return wf_record_at(rec, wf_json_path(r, "case"), "case", e);
	if (strcmp(c.status, "closed"))
		return wf_record_err(rec, wf_json_path(r, "case"), "case", e,
		                     WF_EX_DATAERR, "case '%s' is %s, not closed: a "
		                     "follow-up comes after leaving", c.id, c.status);
	if (wf_situation_check(wf_json_path(r, "situation"), at, why, sizeof why))
		return wf_record_err(rec, wf_json_path(r, "situation"), "situation",
		                     e, WF_EX_DATAERR, "%s", why);
	if (strcmp(date, today) > 0)
		return wf_record_err(rec, wf_json_path(r, "date"), "date", e,
		                     WF_EX_DATAERR, "'%s' is in the future", date);
	if (in_window(at, c.status_date, date, why, sizeof why))
		return wf_record_err(rec, wf_json_path(r, "date"), "date", e,
		                     WF_EX_DATAERR, "%s", why);
	return 0;
}

int wf_follow_up(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	const cJSON *r = rec->root;
	long long id;
	cJSON *out;
	int rc;

	if (!cJSON_IsObject(r))
		return wf_record_err(rec, r, "", e, WF_EX_DATAERR,
		                     "expected a follow_up record");
	if ((rc = wf_validate(rec, rec->root, &follow_up_schema, "", e)) ||
	    (rc = check_follow_up(ctx, rec, r, e)) ||
	    (rc = wf_follow_up_insert(ctx, wf_json_str(r, "case"),
	                              wf_json_str(r, "at"), wf_json_str(r, "date"),
	                              wf_json_path(r, "situation"),
	                              wf_json_str(r, "operator"),
	                              wf_json_str(r, "notes"), &id, e)) ||
	    !ctx->out)
		return rc;
	if (!(out = wf_follow_up_record(ctx->st, id, e)))
		return e->code;
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

int wf_follow_up_check(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	struct wf_record rec = { 0 };
	int rc;

	if (!(rec.root = wf_follow_up_get(ctx->st, id, e)))
		return e->code;
	if (!(rc = wf_validate(&rec, rec.root, &follow_up_schema, "", e)))
		rc = check_follow_up(ctx, &rec, rec.root, e);
	cJSON_Delete(rec.root);
	return rc;
}

cJSON *wf_follow_up_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	long long n = wf_id_number(id, "follow-up", e);

	return n ? wf_follow_up_record(st, n, e) : NULL;
}

static const char SQL_FOLLOW_AMEND[] =
	"UPDATE follow_up SET case_id = ?1, at = ?2, date = ?3, situation = ?4,"
	" notes = ?5, operator = ?6 WHERE id = ?7";

int wf_follow_up_amend(struct wf_ctx *ctx, struct wf_record *rec,
                       const char *id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	struct wf_stmt *s;
	int rc;

	if ((rc = wf_validate(rec, rec->root, &follow_up_schema, "", e)) ||
	    (rc = check_follow_up(ctx, rec, r, e)) ||
	    !(s = wf_sql(ctx->st, SQL_FOLLOW_AMEND, e)))
		return rc ? rc : e->code;
	wf_bind_text(s, 1, wf_json_str(r, "case"));
	wf_bind_text(s, 2, wf_json_str(r, "at"));
	wf_bind_text(s, 3, wf_json_str(r, "date"));
	wf_bind_json(s, 4, wf_json_path(r, "situation"));
	wf_bind_text(s, 5, wf_json_str(r, "notes"));
	wf_bind_text(s, 6, wf_json_str(r, "operator") ? wf_json_str(r, "operator")
	                                                : ctx->operator_);
	wf_bind_int64(s, 7, strtoll(id, NULL, 10));
	return wf_sql_done(ctx->st, s, e);
}
