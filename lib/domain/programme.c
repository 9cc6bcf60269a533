/*
 * programme.c - programmes: what a service offers and to whom, loaded from
 * a YAML file (design, section 2) and kept in the store as JSON, so that
 * eligibility is data, not code. Loading a programme again replaces it;
 * the audit keeps what it was.
 *
 * Tables: programme.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

const char *const wf_placement_kinds[] = { "work_grant", "internship",
                                           "occupational_lab",
                                           "motivational_lab", "hire", NULL };
const char *const wf_parties[] = { "person", "tutor", "family", "referrer",
                                   "employer", NULL };
const char wf_programme_columns[] = "id,name,placements";

static const char *const prog_kinds[] = { "programme", NULL };

static const struct wf_field monitoring_fields[] = {
	{ "every_days", WF_T_INT, 0, NULL, NULL, 1, 366 },
	{ "with", WF_T_ENUMS, 0, wf_parties, NULL, 0, 0 },
	{ "after_hire_days", WF_T_INTS, 0, NULL, NULL, 1, 3660 },
	{ "after_hire_with", WF_T_ENUMS, 0, wf_parties, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema monitoring_schema = { NULL, monitoring_fields };

static const struct wf_field range_fields[] = {
	{ "min", WF_T_INT, 0, NULL, NULL, 0, 1000 },
	{ "max", WF_T_INT, 0, NULL, NULL, 0, 1000 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema range_schema = { NULL, range_fields };

static const struct wf_field stipend_fields[] = {
	{ "min", WF_T_MONEY, 0, NULL, NULL, 0, 0 },
	{ "with_meals", WF_T_MONEY, 0, NULL, NULL, 0, 0 },
	{ "part_time", WF_T_MONEY, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema stipend_schema = { NULL, stipend_fields };

/* The rules of one kind of placement. */
static const struct wf_field kind_rule_fields[] = {
	{ "months", WF_T_OBJECT, 0, NULL, &range_schema, 0, 0 },
	{ "months_disadvantaged", WF_T_OBJECT, 0, NULL, &range_schema, 0, 0 },
	{ "months_disabled", WF_T_OBJECT, 0, NULL, &range_schema, 0, 0 },
	{ "stipend", WF_T_OBJECT, 0, NULL, &stipend_schema, 0, 0 },
	{ "part_time_hours_week", WF_T_INT, 0, NULL, NULL, 1, 60 },
	{ "hours_week", WF_T_OBJECT, 0, NULL, &range_schema, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema kind_rule_schema = { NULL, kind_rule_fields };

static const struct wf_field rules_fields[] = {
	{ "work_grant", WF_T_OBJECT, 0, NULL, &kind_rule_schema, 0, 0 },
	{ "internship", WF_T_OBJECT, 0, NULL, &kind_rule_schema, 0, 0 },
	{ "occupational_lab", WF_T_OBJECT, 0, NULL, &kind_rule_schema, 0, 0 },
	{ "motivational_lab", WF_T_OBJECT, 0, NULL, &kind_rule_schema, 0, 0 },
	{ "hire", WF_T_OBJECT, 0, NULL, &kind_rule_schema, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema rules_schema = { NULL, rules_fields };

static const struct wf_field capacity_fields[] = {
	{ "employees", WF_T_INT, 0, NULL, NULL, 0, 10000000 },
	{ "trainees", WF_T_INT, 0, NULL, NULL, 0, 100000 },
	{ "percent", WF_T_INT, 0, NULL, NULL, 0, 100 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema capacity_schema = { NULL, capacity_fields };

static const char *const below_rules[] = { "pro_rata", "none", NULL };
static const struct wf_field attendance_fields[] = {
	{ "full_at_percent", WF_T_INT, 0, NULL, NULL, 0, 100 },
	{ "below", WF_T_ENUM, 0, below_rules, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema attendance_schema = { NULL, attendance_fields };

const char *const wf_legal_bases[] = { "consent", "public_task", NULL };

/* Law 68/1999, art. 1: a civil invalidity counts above 45%, a work
 * injury above 33%; the percents are the programme's (a region may ask
 * more), the kinds the law's. */
static const struct wf_field thresholds_fields[] = {
	{ "civil", WF_T_INT, 0, NULL, NULL, 0, 99 },
	{ "work_injury", WF_T_INT, 0, NULL, NULL, 0, 99 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema thresholds_schema = { NULL, thresholds_fields };

static const struct wf_field prog_fields[] = {
	{ "kind", WF_T_ENUM, 0, prog_kinds, NULL, 0, 0 },
	{ "id", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "programme", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "description", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "funder", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	/* the organisation that runs it: on a shared store, its roles see
	 * the programme's cases whole (scope.c) */
	{ "service", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "target", WF_T_ANY, 0, NULL, NULL, 0, 0 },
	{ "placements", WF_T_ENUMS, 0, wf_placement_kinds, NULL, 0, 0 },
	{ "monitoring", WF_T_OBJECT, 0, NULL, &monitoring_schema, 0, 0 },
	{ "prerequisites", WF_T_STRINGS, 0, NULL, NULL, 0, 0 },
	{ "placement_rules", WF_T_OBJECT, 0, NULL, &rules_schema, 0, 0 },
	{ "host_capacity", WF_T_LIST, 0, NULL, &capacity_schema, 0, 0 },
	{ "capacity_kinds", WF_T_ENUMS, 0, wf_placement_kinds, NULL, 0, 0 },
	{ "overlapping_placements", WF_T_BOOL, 0, NULL, NULL, 0, 0 },
	{ "attendance", WF_T_OBJECT, 0, NULL, &attendance_schema, 0, 0 },
	/* what the processing rests on: the person's consent, or a public
	 * task, under which the final report goes to the referring service
	 * without it (wf-report case --for referrer) */
	{ "legal_basis", WF_T_ENUM, 0, wf_legal_bases, NULL, 0, 0 },
	/* how long a case file is kept after its case is over (wf retention) */
	{ "retention_years", WF_T_INT, 0, NULL, NULL, 1, 100 },
	/* a case with no service for this many days is stale, and may be
	 * closed as a soft exit (wf case stale, close --soft-exit) */
	{ "soft_exit_days", WF_T_INT, 0, NULL, NULL, 1, 3650 },
	/* the percent of invalidity above which a Law 68/1999 certification
	 * counts, per invalidity (wf_certs_add) */
	{ "law_68_thresholds", WF_T_OBJECT, 0, NULL, &thresholds_schema, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema prog_schema = { "programme", prog_fields };


/* The programme's code: "programme:" in a file, "id:" in a record the
 * commands wrote; both may be given if they agree. */
static int prog_code(struct wf_record *rec, const char **code,
                     struct wf_err *e)
{
	const char *p = wf_json_str(rec->root, "programme");
	const char *id = wf_json_str(rec->root, "id");

	if (p && id && strcmp(p, id))
		return wf_record_err(rec, cJSON_GetObjectItemCaseSensitive(
		                     rec->root, "id"), "id", e, WF_EX_DATAERR,
		                     "'%s' differs from programme '%s'", id, p);
	if (!p && !id)
		return wf_record_err(rec, rec->root, "programme", e, WF_EX_DATAERR,
		                     "required field is missing");
	*code = p ? p : id;
	return 0;
}

/* The stored form: kind and id first, then the file's fields. */
static cJSON *stored_form(const cJSON *root, const char *code)
{
	cJSON *d = cJSON_CreateObject();
	const cJSON *v;

	cJSON_AddStringToObject(d, "kind", "programme");
	cJSON_AddStringToObject(d, "id", code);
	cJSON_ArrayForEach(v, root)
		if (strcmp(v->string, "kind") && strcmp(v->string, "id") &&
		    strcmp(v->string, "programme"))
			cJSON_AddItemToObject(d, v->string, cJSON_Duplicate(v, 1));
	return d;
}

static const char SQL_PROG_INSERT[] =
	"INSERT INTO programme (code, name, definition, loaded_at, service_id)"
	" VALUES (?, ?, ?, ?, ?)";

static const char SQL_PROG_UPDATE[] =
	"UPDATE programme SET name = ?, definition = ?, loaded_at = ?,"
	" service_id = ? WHERE code = ?";

/* The organisation that runs the programme, which must be registered:
 * its id, 0 for none, or -1 with e set. */
static long long service_of(struct wf_store *st, struct wf_record *rec,
                            struct wf_err *e)
{
	const char *code = wf_json_str(rec->root, "service");
	long long id;

	if (!code)
		return 0;
	if ((id = wf_sql_id(st, WF_SQL_ORG_ID, code, e)) < 0)
		return -1;
	if (!id)
		wf_record_err(rec, cJSON_GetObjectItemCaseSensitive(rec->root,
		              "service"), "service", e, WF_EX_DATAERR,
		              "unknown organisation '%s' (register it with 'wf org "
		              "add')", code);
	return id ? id : -1;
}

static int prog_write(struct wf_ctx *ctx, const char *code, const cJSON *d,
                      long long service, int exists, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, exists ? SQL_PROG_UPDATE
	                                         : SQL_PROG_INSERT, e);
	char now[32];
	int i = 1;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	if (!exists)
		wf_bind_text(s, i++, code);
	wf_bind_text(s, i++, wf_json_str(d, "name"));
	wf_bind_json(s, i++, d);
	wf_bind_text(s, i++, now);
	if (service)
		wf_bind_int64(s, i++, service);
	else
		wf_bind_null(s, i++);
	if (exists)
		wf_bind_text(s, i++, code);
	return wf_sql_done(ctx->st, s, e);
}

int wf_programme_valid(struct wf_record *rec, const char **code,
                       struct wf_err *e)
{
	const cJSON *target;
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a programme record");
	if ((rc = wf_validate(rec, rec->root, &prog_schema, "", e)) ||
	    (rc = prog_code(rec, code, e)))
		return rc;
	target = cJSON_GetObjectItemCaseSensitive(rec->root, "target");
	return target ? wf_target_check(rec, target, e) : 0;
}

int wf_programme_load(struct wf_ctx *ctx, struct wf_record *rec,
                      struct wf_err *e)
{
	const char *code = NULL;
	long long service;
	cJSON *d, *old;
	int rc;

	if ((rc = wf_programme_valid(rec, &code, e)))
		return rc;
	if ((service = service_of(ctx->st, rec, e)) < 0)
		return e->code;
	old = wf_programme_get(ctx->st, code, e);
	if (!old && e->code != WF_EX_NOMATCH)
		return e->code;
	if (!(d = stored_form(rec->root, code)))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	rc = prog_write(ctx, code, d, service, old != NULL, e);
	if (!rc) {
		cJSON *detail = cJSON_CreateObject();

		cJSON_AddItemToObject(detail, "new", cJSON_Duplicate(d, 1));
		if (old)
			cJSON_AddItemToObject(detail, "old", cJSON_Duplicate(old, 1));
		rc = wf_audit(ctx, old ? "replace" : "add", "programme", code,
		              detail, e);
		cJSON_Delete(detail);
	}
	if (!rc)
		rc = wf_emit(ctx, d, e);
	cJSON_Delete(d);
	cJSON_Delete(old);
	return rc;
}

static cJSON *parse_definition(struct wf_stmt *s, struct wf_err *e)
{
	cJSON *d = cJSON_Parse(wf_col_str(s, 0));

	if (!d)
		wf_err_set(e, WF_EX_SOFTWARE, "a stored programme is not JSON");
	return d;
}

static const char SQL_PROG_GET[] =
	"SELECT definition FROM programme WHERE code = ?";

cJSON *wf_programme_get(struct wf_store *st, const char *code,
                        struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_PROG_GET, code, WF_EX_NOMATCH,
	                             "programme", e);
	cJSON *d;

	if (!s)
		return NULL;
	d = parse_definition(s, e);
	wf_reset(s);
	return d;
}

static const char SQL_PROG_ALL[] =
	"SELECT definition FROM programme ORDER BY code";

int wf_programme_list(struct wf_ctx *ctx, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PROG_ALL, e);
	long n = 0;
	int rc = 0, step;

	if (!s)
		return e->code;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *d = parse_definition(s, e);

		rc = d ? wf_emit(ctx, d, e) : e->code;
		cJSON_Delete(d);
		n++;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no programmes loaded (load one "
		                "with 'wf programme load FILE')");
	return rc;
}

static const char SQL_PROG_ID[] =
	"SELECT id FROM programme WHERE code = ?";

int wf_programme_require(struct wf_store *st, const char *code,
                         long long *id, struct wf_err *e)
{
	if ((*id = wf_sql_id(st, SQL_PROG_ID, code, e)) < 0)
		return e->code;
	if (!*id)
		return wf_err_set(e, WF_EX_DATAERR, "unknown programme '%s' (load "
		                  "it with 'wf programme load FILE')", code);
	return 0;
}

static const char SQL_PROG_CODES[] =
	"SELECT group_concat(code, ', ') FROM (SELECT code FROM programme"
	" ORDER BY code)";

int wf_programme_known(struct wf_store *st, const char *code,
                       struct wf_err *e)
{
	struct wf_stmt *s;
	char known[512] = "";
	long long id;

	if (!code || wf_programme_require(st, code, &id, e) == 0)
		return 0;
	if (e->code != WF_EX_DATAERR || !(s = wf_sql(st, SQL_PROG_CODES, e)))
		return e->code;
	if (wf_step(s) == WF_ROW)
		wf_col_text(s, 0, known, sizeof known);
	wf_reset(s);
	if (!known[0])
		return wf_err_set(e, WF_EX_DATAERR, "unknown programme '%s' (the "
		                  "store has none: load one with 'wf programme load "
		                  "FILE')", code);
	return wf_err_set(e, WF_EX_DATAERR, "unknown programme '%s' (the store "
	                  "has: %s)", code, known);
}

int wf_programme_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                      struct wf_err *e)
{
	return wf_show_each(ctx, ids, wf_programme_get, e);
}
