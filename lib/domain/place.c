/*
 * place.c - step 3 of the path: placements. A planned case is placed with
 * a host: a work grant, an internship, a lab, or a hire. A placement lives
 * planned -> active <-> suspended -> ended (completed, interrupted with a
 * reason, or hired with the hire that follows), or planned -> cancelled
 * when it never starts; every change effective dated. Only a placement
 * that ran ends with an outcome: one cancelled is no interruption. The
 * first one started places the case. The programme's rules are
 * checked in placerules.c, every broken one named.
 *
 * Tables: placement, placement_status.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

const char *const wf_placement_statuses[] = { "planned", "active", "suspended",
                                              "ended", "cancelled", NULL };
const char *const wf_place_outcomes[] = { "completed", "interrupted", "hired",
                                          NULL };
const char wf_placement_columns[] =
	"id,case,type,host,start,end,hours_week,stipend,status";

static const char *const contract_types[] = { "permanent", "fixed_term",
                                              "apprenticeship", "other", NULL };
static const char *const place_kinds[] = { "placement", NULL };

static const struct wf_field tutor_fields[] = {
	{ "name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "contact", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema tutor_schema = { NULL, tutor_fields };

static const struct wf_field contract_fields[] = {
	{ "type", WF_T_ENUM, WF_F_REQUIRED, contract_types, NULL, 0, 0 },
	{ "law68_quota", WF_T_BOOL, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema contract_schema = { NULL, contract_fields };

static const struct wf_field place_fields[] = {
	{ "kind", WF_T_ENUM, 0, place_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "type", WF_T_ENUM, WF_F_REQUIRED, wf_placement_kinds, NULL, 0, 0 },
	{ "host", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "host_tutor", WF_T_OBJECT, 0, NULL, &tutor_schema, 0, 0 },
	{ "service_tutor", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "start", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "end", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "hours_week", WF_T_INT, 0, NULL, NULL, 1, 60 },
	{ "stipend", WF_T_MONEY, 0, NULL, NULL, 0, 0 },
	{ "meals", WF_T_BOOL, 0, NULL, NULL, 0, 0 },
	{ "funding", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "plan_action", WF_T_INT, 0, NULL, NULL, 1, 1000 },
	{ "contract", WF_T_OBJECT, 0, NULL, &contract_schema, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "status", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "status_date", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "outcome", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "reason", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "hire", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "history", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema place_schema = { "placement", place_fields };

/* The life of a placement: which statuses each action starts from. */
static const struct {
	const char *action, *to;
	const char *from[4];
} moves[] = {
	{ "start", "active", { "planned" } },
	{ "suspend", "suspended", { "active" } },
	{ "resume", "active", { "suspended" } },
	{ "end", "ended", { "active", "suspended" } },
	{ "cancel", "cancelled", { "planned" } },
	{ "extend", NULL, { "planned", "active", "suspended" } },
};

/* End what ran, cancel what did not: the other move, when it is the one
 * meant. */
static const char *other_move(const char *action, const char *status)
{
	if (!strcmp(action, "end") && !strcmp(status, "planned"))
		return _(" (one that never started is cancelled: 'wf-place cancel')");
	if (!strcmp(action, "cancel") &&
	    (!strcmp(status, "active") || !strcmp(status, "suspended")))
		return _(" (one that started is ended: 'wf-place end')");
	return "";
}

static int history_add(struct wf_ctx *ctx, const char *id, const char *status,
                       const char *date, const char *outcome,
                       const struct wf_place_opts *o, struct wf_err *e);

static const char SQL_PLACE_LOAD[] =
	"SELECT p.id, p.case_id, p.type, o.code, p.host_id, o.employees, p.start,"
	" p.end_date, p.hours_week, p.stipend_cents, p.meals, p.status,"
	" p.status_date FROM placement p JOIN organisation o ON o.id = p.host_id"
	" WHERE p.id = ?";
enum {
	LOAD_ID, LOAD_CASE, LOAD_TYPE, LOAD_HOST, LOAD_HOST_ID,
	LOAD_EMPLOYEES, LOAD_START, LOAD_END, LOAD_HOURS_WEEK, LOAD_STIPEND,
	LOAD_MEALS, LOAD_STATUS, LOAD_STATUS_DATE
};

int wf_place_load(struct wf_store *st, const char *id, struct wf_placement *p,
                  struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_PLACE_LOAD, id, WF_EX_DATAERR,
	                             "placement", e);
	wf_day d;
	int cut;

	if (!s)
		return e->code;
	memset(p, 0, sizeof *p);
	cut = wf_col_text(s, LOAD_ID, p->id, sizeof p->id) |
	      wf_col_text(s, LOAD_CASE, p->case_id, sizeof p->case_id) |
	      wf_col_text(s, LOAD_TYPE, p->type, sizeof p->type) |
	      wf_col_text(s, LOAD_HOST, p->host, sizeof p->host);
	p->host_id = wf_col_int64(s, LOAD_HOST_ID);
	p->employees = wf_col_null(s, LOAD_EMPLOYEES) ? -1
	               : (long)wf_col_int64(s, LOAD_EMPLOYEES);
	cut |= wf_col_text(s, LOAD_START, p->start, sizeof p->start) |
	       wf_col_text(s, LOAD_END, p->end, sizeof p->end);
	p->hours_week = wf_col_int(s, LOAD_HOURS_WEEK);
	p->stipend = wf_col_null(s, LOAD_STIPEND) ? -1
	             : wf_col_int64(s, LOAD_STIPEND);
	p->meals = wf_col_int(s, LOAD_MEALS);
	cut |= wf_col_text(s, LOAD_STATUS, p->status, sizeof p->status) |
	       wf_col_text(s, LOAD_STATUS_DATE, p->status_date,
	                   sizeof p->status_date);
	wf_reset(s);
	if (cut || wf_stored_date(p->start, 0, &d) ||
	    wf_stored_date(p->end, 1, &d) ||
	    wf_stored_date(p->status_date, 1, &d))
		return wf_stored_bad(e, "ids, kind, dates or status", "placement",
		                     id);
	return 0;
}

static const char SQL_PLACE_CERTS[] =
	"SELECT DISTINCT kind FROM certification WHERE referral_id ="
	" (SELECT min(id) FROM referral WHERE case_id = ?)";

/* The person's category for the duration rules, from the referral. */
static int category(struct wf_store *st, struct wf_placement *p,
                    struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_PLACE_CERTS, e);
	int rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, p->case_id);
	while ((rc = wf_step(s)) == WF_ROW) {
		const char *k = wf_col_str(s, 0);

		p->disabled |= !strcmp(k, "law_68_1999");
		p->disadvantaged |= !strcmp(k, "law_381_1991") ||
		                    !strcmp(k, "uncertified_disadvantage");
	}
	wf_reset(s);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

typedef int (*rules_fn)(struct wf_store *, const cJSON *,
                        const struct wf_placement *, cJSON *, struct wf_err *);

/* Check p against its programme with fn; every broken rule in one
 * message. */
static int check_rules(struct wf_store *st, const struct wf_case *c,
                       const struct wf_placement *p, rules_fn fn,
                       const char *what, struct wf_err *e)
{
	cJSON *prog = wf_programme_get(st, c->programme, e), *broken;
	char list[2048];
	size_t n = 0;
	const cJSON *b;
	int rc;

	if (!prog)
		return e->code;
	broken = cJSON_CreateArray();
	rc = fn(st, prog, p, broken, e);
	cJSON_ArrayForEach(b, broken)
		n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0,
		                      "%s%s", n ? "; " : "", b->valuestring);
	if (!rc && cJSON_GetArraySize(broken))
		rc = wf_err_set(e, WF_EX_DATAERR, "%s breaks the rules of '%s': %s",
		                what, c->programme, list);
	cJSON_Delete(broken);
	cJSON_Delete(prog);
	return rc;
}

/* The kind of action number ?2 (from 1) of the case's current plan. */
static const char SQL_PLACE_ACTION[] =
	"SELECT a.kind FROM plan_action a WHERE a.plan_id ="
	" (SELECT id FROM plan WHERE case_id = ?1 ORDER BY version DESC LIMIT 1)"
	" ORDER BY a.id LIMIT 1 OFFSET ?2 - 1";

/* The plan action a placement carries out must be in the current plan
 * and of its kind. */
static int check_action(struct wf_store *st, const struct wf_record *rec,
                        const cJSON *r, struct wf_err *e)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "plan_action");
	struct wf_stmt *s;
	char kind[32] = "";
	int rc;

	if (!a)
		return 0;
	if (!(s = wf_sql(st, SQL_PLACE_ACTION, e)))
		return e->code;
	wf_bind_text(s, 1, wf_json_str(r, "case"));
	wf_bind_int(s, 2, a->valueint);
	if ((rc = wf_step(s)) == WF_ROW)
		wf_col_text(s, 0, kind, sizeof kind);
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	if (!kind[0])
		return wf_record_err(rec, a, "plan_action", e, WF_EX_DATAERR,
		                     "the current plan of case '%s' has no action %d",
		                     wf_json_str(r, "case"), a->valueint);
	if (strcmp(kind, wf_json_str(r, "type")))
		return wf_record_err(rec, a, "plan_action", e, WF_EX_DATAERR,
		                     "action %d of the plan is %s, not %s", a->valueint,
		                     kind, wf_json_str(r, "type"));
	return 0;
}

/* The placement as the rules see it, from a record. */
static void from_record(const cJSON *r, struct wf_placement *p)
{
	const char *why;
	const cJSON *v;

	memset(p, 0, sizeof *p);
	snprintf(p->case_id, sizeof p->case_id, "%s", wf_json_str(r, "case"));
	snprintf(p->type, sizeof p->type, "%s", wf_json_str(r, "type"));
	snprintf(p->host, sizeof p->host, "%s", wf_json_str(r, "host"));
	snprintf(p->start, sizeof p->start, "%s", wf_json_str(r, "start"));
	snprintf(p->end, sizeof p->end, "%s", wf_json_str(r, "end"));
	v = cJSON_GetObjectItemCaseSensitive(r, "hours_week");
	p->hours_week = cJSON_IsNumber(v) ? v->valueint : 0;
	v = cJSON_GetObjectItemCaseSensitive(r, "stipend");
	if (!v || wf_money_parse(v, &p->stipend, &why) < 0)
		p->stipend = -1;
	p->meals = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "meals"));
}

/* Host: registered as a host; its employee count, for the limit. */
static int host_of(struct wf_ctx *ctx, const struct wf_record *rec,
                   struct wf_placement *p, struct wf_err *e)
{
	cJSON *org;
	long long id;

	if (wf_org_require(ctx->st, p->host, "host", &id, e))
		return wf_record_at(rec, wf_json_path(rec->root, "host"), "host", e);
	p->host_id = id;
	if (!(org = wf_org_get(ctx->st, p->host, e)))
		return e->code;
	p->employees = cJSON_IsNumber(cJSON_GetObjectItem(org, "employees"))
	               ? cJSON_GetObjectItem(org, "employees")->valueint : -1;
	cJSON_Delete(org);
	return 0;
}

/* Bind a placement's columns, in the numbering the insert and the
 * correction share (?1 its id ... ?19 when it was recorded). */
static void bind_placement(struct wf_stmt *s, const cJSON *r,
                           const struct wf_placement *p, const char *today,
                           const char *now)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(r, "host_tutor");
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(r, "contract");

	wf_bind_text(s, 1, p->id);
	wf_bind_text(s, 2, p->case_id);
	wf_bind_text(s, 3, p->type);
	wf_bind_int64(s, 4, p->host_id);
	wf_bind_text(s, 5, wf_json_str(t, "name"));
	wf_bind_text(s, 6, wf_json_str(t, "contact"));
	wf_bind_text(s, 7, wf_json_str(r, "service_tutor"));
	wf_bind_text(s, 8, p->start);
	wf_bind_text(s, 9, p->end);
	wf_bind_json(s, 10, cJSON_GetObjectItemCaseSensitive(r, "hours_week"));
	if (p->stipend >= 0)
		wf_bind_int64(s, 11, p->stipend);
	wf_bind_int(s, 12, p->meals);
	wf_bind_text(s, 13, wf_json_str(r, "funding"));
	wf_bind_json(s, 14, cJSON_GetObjectItemCaseSensitive(r, "plan_action"));
	wf_bind_text(s, 15, wf_json_str(k, "type"));
	if (k)
		wf_bind_int(s, 16, cJSON_IsTrue(
			cJSON_GetObjectItemCaseSensitive(k, "law68_quota")));
	wf_bind_text(s, 17, today);
	wf_bind_text(s, 18, wf_json_str(r, "notes"));
	wf_bind_text(s, 19, now);
}

static const char SQL_PLACE_INSERT[] =
	"INSERT INTO placement (id, case_id, type, host_id, host_tutor,"
	" host_tutor_contact, service_tutor, start, end_date, hours_week,"
	" stipend_cents, meals, funding, plan_action, contract, law68_quota,"
	" status, status_date, notes, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?,"
	" ?)";

static int insert(struct wf_ctx *ctx, const cJSON *r,
                  const struct wf_placement *p, const char *today,
                  struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PLACE_INSERT, e);
	char now[32];

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	bind_placement(s, r, p, today, now);
	return wf_sql_done(ctx->st, s, e);
}

static int emit_placement(struct wf_ctx *ctx, const char *id,
                          struct wf_err *e)
{
	cJSON *out;
	int rc;

	if (!ctx->out)
		return 0;
	if (!(out = wf_placement_record(ctx->st, id, 0, e)))
		return e->code;
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

static const char SQL_PLACE_COUNT[] =
	"SELECT count(*) FROM placement WHERE case_id = ?";

static int next_id(struct wf_store *st, struct wf_placement *p,
                   struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_PLACE_COUNT, e);
	int rc, n = 0;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, p->case_id);
	if ((rc = wf_step(s)) == WF_ROW)
		n = wf_col_int(s, 0);
	wf_reset(s);
	if (rc != WF_ROW)
		return wf_sql_err(st, rc, e);
	snprintf(p->id, sizeof p->id, "%s.%d", p->case_id, n + 1);
	return 0;
}

static int add_one(struct wf_ctx *ctx, const struct wf_record *rec, cJSON *r,
                   struct wf_err *e)
{
	struct wf_placement p;
	struct wf_case c;
	char what[256], today[11];
	int rc;

	if ((rc = wf_validate(rec, r, &place_schema, "", e)))
		return rc;
	from_record(r, &p);
	if (wf_case_load(ctx->st, p.case_id, &c, e) ||
	    wf_case_allowed(&c, "place", e))
		return wf_record_at(rec, wf_json_path(r, "case"), "case", e);
	if ((rc = host_of(ctx, rec, &p, e)) ||
	    (rc = check_action(ctx->st, rec, r, e)) ||
	    (rc = category(ctx->st, &p, e)) || (rc = next_id(ctx->st, &p, e)))
		return rc;
	snprintf(what, sizeof what, "case '%s': the %s at '%s'", p.case_id,
	         p.type, p.host);
	if ((rc = check_rules(ctx->st, &c, &p, wf_place_rules, what, e)))
		return wf_record_at(rec, r, "", e);
	/* Planned as of today, or of its start when typed in late. */
	wf_date_format(wf_date_today(), today);
	if (strcmp(p.start, today) < 0)
		snprintf(today, sizeof today, "%s", p.start);
	if ((rc = insert(ctx, r, &p, today, e)) ||
	    (rc = history_add(ctx, p.id, "planned", today, NULL, NULL, e)) ||
	    (rc = wf_audit(ctx, "add", "placement", p.id, r, e)))
		return rc;
	return emit_placement(ctx, p.id, e);
}

int wf_place_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a placement record");
	return add_one(ctx, rec, rec->root, e);
}

/* A correction, numbered as the insert is; the case (?2), the status
 * date (?17) and when it was recorded (?19) stay as they are. */
static const char SQL_PLACE_AMEND[] =
	"UPDATE placement SET type = ?3, host_id = ?4, host_tutor = ?5,"
	" host_tutor_contact = ?6, service_tutor = ?7, start = ?8,"
	" end_date = ?9, hours_week = ?10, stipend_cents = ?11, meals = ?12,"
	" funding = ?13, plan_action = ?14, contract = ?15, law68_quota = ?16,"
	" notes = ?18 WHERE id = ?1";

/* A placement corrected: checked as when it was added, but against the
 * others (itself left out), whatever its case's step now; the plan
 * action only when it or the kind changes, since the plan may have been
 * revised since. It stays with its case: its id is the case's. */
int wf_place_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                   struct wf_err *e)
{
	const cJSON *r = rec->root;
	struct wf_placement old, p;
	struct wf_case c;
	char what[256];
	struct wf_stmt *s;
	cJSON *was;
	int rc, action;

	if ((rc = wf_validate(rec, rec->root, &place_schema, "", e)) ||
	    (rc = wf_place_load(ctx->st, id, &old, e)))
		return rc;
	from_record(r, &p);
	if (strcmp(p.case_id, old.case_id))
		return wf_record_err(rec, wf_json_path(r, "case"), "case", e,
		                     WF_EX_DATAERR, "a placement stays with its case: "
		                     "cancel it and add it to the right one");
	snprintf(p.id, sizeof p.id, "%s", id);
	snprintf(p.status, sizeof p.status, "%s", old.status);
	if (!(was = wf_placement_record(ctx->st, id, 0, e)))
		return e->code;
	action = !cJSON_Compare(cJSON_GetObjectItem(was, "plan_action"),
	                        cJSON_GetObjectItem(r, "plan_action"), 1) ||
	         strcmp(p.type, old.type);
	cJSON_Delete(was);
	if ((rc = wf_case_load(ctx->st, p.case_id, &c, e)) ||
	    (rc = host_of(ctx, rec, &p, e)) ||
	    (action && (rc = check_action(ctx->st, rec, r, e))) ||
	    (rc = category(ctx->st, &p, e)))
		return rc;
	snprintf(what, sizeof what, "case '%s': the %s at '%s'", p.case_id,
	         p.type, p.host);
	if ((rc = check_rules(ctx->st, &c, &p, wf_place_rules, what, e)))
		return wf_record_at(rec, r, "", e);
	if (!(s = wf_sql(ctx->st, SQL_PLACE_AMEND, e)))
		return e->code;
	bind_placement(s, r, &p, NULL, NULL);
	return wf_sql_done(ctx->st, s, e);
}

cJSON *wf_place_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	return wf_placement_record(st, id, 0, e);
}

/* ---- the life of a placement -------------------------------------------- */

static int move_allowed(const struct wf_placement *p, const char *action,
                        struct wf_err *e)
{
	char list[128];

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (strcmp(moves[i].action, action))
			continue;
		for (int k = 0; moves[i].from[k]; k++)
			if (!strcmp(moves[i].from[k], p->status))
				return 0;
		wf_join(moves[i].from, list, sizeof list);
		return wf_err_set(e, WF_EX_DATAERR, "placement '%s' is %s: %s needs "
		                  "one that is %s%s", p->id, p->status, action, list,
		                  other_move(action, p->status));
	}
	return wf_err_set(e, WF_EX_SOFTWARE, "no move '%s'", action);
}

static const char *move_to(const char *action)
{
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (!strcmp(moves[i].action, action))
			return moves[i].to;
	return NULL;
}

/* The outcome of an end: completed by default; interrupted needs a
 * reason; hired may name the hire that follows, in the same case. */
static int check_end(struct wf_ctx *ctx, const struct wf_placement *p,
                     const struct wf_place_opts *o, struct wf_err *e)
{
	struct wf_placement h;
	if (o->outcome && !strcmp(o->outcome, "interrupted") &&
	    (!o->reason || !*o->reason))
		return wf_err_set(e, WF_EX_USAGE, "--outcome interrupted needs "
		                  "--reason");
	if (!o->hire)
		return 0;
	if (!o->outcome || strcmp(o->outcome, "hired"))
		return wf_err_set(e, WF_EX_USAGE, "--hire goes with --outcome hired");
	if (wf_place_load(ctx->st, o->hire, &h, e))
		return e->code;
	if (strcmp(h.case_id, p->case_id) || strcmp(h.type, "hire"))
		return wf_err_set(e, WF_EX_DATAERR, "--hire: '%s' is not a hire of "
		                  "case '%s'", o->hire, p->case_id);
	return 0;
}

static const char SQL_PLACE_HISTORY_ADD[] =
	"INSERT INTO placement_status (placement_id, status, effective_date,"
	" outcome, reason, note, recorded_at, operator)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static int history_add(struct wf_ctx *ctx, const char *id, const char *status,
                       const char *date, const char *outcome,
                       const struct wf_place_opts *o, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PLACE_HISTORY_ADD, e);
	char now[32];

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, id);
	wf_bind_text(s, 2, status);
	wf_bind_text(s, 3, date);
	wf_bind_text(s, 4, outcome);
	wf_bind_text(s, 5, o ? o->reason : NULL);
	wf_bind_text(s, 6, o ? o->note : NULL);
	wf_bind_text(s, 7, now);
	wf_bind_text(s, 8, ctx->operator_);
	return wf_sql_done(ctx->st, s, e);
}

static const char SQL_PLACE_SET[] =
	"UPDATE placement SET status = ?, status_date = ?, outcome = ?,"
	" reason = ?, hire = ? WHERE id = ?";

static int record_move(struct wf_ctx *ctx, struct wf_placement *p,
                       const char *action, const char *to, const char *date,
                       const struct wf_place_opts *o, struct wf_err *e)
{
	const char *outcome = !strcmp(to, "ended")
	                      ? (o->outcome ? o->outcome : "completed") : NULL;
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PLACE_SET, e);
	cJSON *detail;
	int rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, to);
	wf_bind_text(s, 2, date);
	wf_bind_text(s, 3, outcome);
	wf_bind_text(s, 4, o->reason);
	wf_bind_text(s, 5, outcome ? o->hire : NULL);
	wf_bind_text(s, 6, p->id);
	if ((rc = wf_sql_done(ctx->st, s, e)) ||
	    (rc = history_add(ctx, p->id, to, date, outcome, o, e)))
		return rc;
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "from", p->status);
	cJSON_AddStringToObject(detail, "to", to);
	cJSON_AddStringToObject(detail, "date", date);
	if (outcome)
		cJSON_AddStringToObject(detail, "outcome", outcome);
	rc = wf_audit(ctx, action, "placement", p->id, detail, e);
	cJSON_Delete(detail);
	return rc;
}

/* Before a start: may it run beside the case's other placements? */
static int may_start(struct wf_ctx *ctx, const struct wf_placement *p,
                     struct wf_err *e)
{
	struct wf_case c;
	char what[128];

	snprintf(what, sizeof what, _("starting placement '%s'"), p->id);
	if (wf_case_load(ctx->st, p->case_id, &c, e))
		return e->code;
	return check_rules(ctx->st, &c, p, wf_place_overlap, what, e);
}

static const char SQL_PLACE_STARTED[] =
	"UPDATE placement SET start = ? WHERE id = ?";

/* Starting: the real start date is kept, and the first placement
 * started places the case. */
static int started(struct wf_ctx *ctx, struct wf_placement *p,
                   const char *date, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PLACE_STARTED, e);
	struct wf_case c;
	int rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, date);
	wf_bind_text(s, 2, p->id);
	if ((rc = wf_sql_done(ctx->st, s, e)) ||
	    (rc = wf_case_load(ctx->st, p->case_id, &c, e)))
		return rc;
	return wf_case_move(ctx, &c, "place", NULL, date, NULL, NULL, e);
}

int wf_place_move(struct wf_ctx *ctx, const struct wf_place_opts *o,
                  struct wf_record *rec, struct wf_err *e)
{
	const char *id = cJSON_IsString(rec->root) ? rec->root->valuestring
	                 : wf_json_str(rec->root, "id");
	const char *to = move_to(o->action);
	struct wf_placement p;
	char date[11];
	int rc;

	if (!id)
		return wf_record_err(rec, rec->root, "id", e, WF_EX_DATAERR,
		                     "the record names no placement");
	if ((rc = wf_effective_date(o->date, "--date", date, e)) ||
	    (rc = wf_place_load(ctx->st, id, &p, e)) ||
	    (rc = move_allowed(&p, o->action, e)))
		return rc;
	if (strcmp(date, p.status_date) < 0 && strcmp(p.status, "planned"))
		return wf_err_set(e, WF_EX_DATAERR, "placement '%s': date %s is "
		                  "before its %s date %s", p.id, date, p.status,
		                  p.status_date);
	if (!strcmp(o->action, "end") && (rc = check_end(ctx, &p, o, e)))
		return rc;
	if (!strcmp(o->action, "start") && (rc = may_start(ctx, &p, e)))
		return rc;
	if ((rc = record_move(ctx, &p, o->action, to, date, o, e)) ||
	    (!strcmp(o->action, "start") && (rc = started(ctx, &p, date, e))))
		return rc;
	return emit_placement(ctx, p.id, e);
}

static const char SQL_PLACE_EXTEND[] =
	"UPDATE placement SET end_date = ? WHERE id = ?";

int wf_place_extend(struct wf_ctx *ctx, const struct wf_place_opts *o,
                    struct wf_record *rec, struct wf_err *e)
{
	const char *id = cJSON_IsString(rec->root) ? rec->root->valuestring
	                 : wf_json_str(rec->root, "id");
	struct wf_placement p;
	struct wf_case c;
	struct wf_stmt *s;
	char what[256];
	wf_day d;
	int rc;

	if (!id)
		return wf_record_err(rec, rec->root, "id", e, WF_EX_DATAERR,
		                     "the record names no placement");
	if (!o->end || wf_date_parse(o->end, &d) < 0)
		return wf_err_set(e, WF_EX_USAGE, "extend needs --end DATE");
	if ((rc = wf_place_load(ctx->st, id, &p, e)) ||
	    (rc = move_allowed(&p, "extend", e)))
		return rc;
	if (strcmp(o->end, p.end) <= 0)
		return wf_err_set(e, WF_EX_DATAERR, "placement '%s': --end %s is not "
		                  "after its planned end %s", p.id, o->end, p.end);
	snprintf(p.end, sizeof p.end, "%s", o->end);
	snprintf(what, sizeof what, _("placement '%s' extended to %s"), p.id,
	         o->end);
	if ((rc = wf_case_load(ctx->st, p.case_id, &c, e)) ||
	    (rc = category(ctx->st, &p, e)) ||
	    (rc = check_rules(ctx->st, &c, &p, wf_place_rules, what, e)) ||
	    !(s = wf_sql(ctx->st, SQL_PLACE_EXTEND, e)))
		return rc ? rc : e->code;
	wf_bind_text(s, 1, o->end);
	wf_bind_text(s, 2, p.id);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	{
		cJSON *detail = cJSON_CreateObject();

		cJSON_AddStringToObject(detail, "end", o->end);
		rc = wf_audit(ctx, "extend", "placement", p.id, detail, e);
		cJSON_Delete(detail);
	}
	return rc ? rc : emit_placement(ctx, p.id, e);
}

int wf_place_stop(struct wf_ctx *ctx, const char *id, const char *action,
                  const char *date, const char *outcome, const char *reason,
                  struct wf_err *e)
{
	struct wf_place_opts o = { 0 };
	struct wf_placement p;
	int rc;

	o.outcome = outcome;
	o.reason = reason;
	if ((rc = wf_place_load(ctx->st, id, &p, e)) ||
	    (rc = move_allowed(&p, action, e)))
		return rc;
	if (strcmp(date, p.status_date) < 0 && strcmp(p.status, "planned"))
		return wf_err_set(e, WF_EX_DATAERR, "placement '%s': date %s is "
		                  "before its %s date %s", p.id, date, p.status,
		                  p.status_date);
	return record_move(ctx, &p, action, move_to(action), date, &o, e);
}
