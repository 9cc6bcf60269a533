/*
 * operator.c - the service's operators and the case manager of each case.
 * Operators are registered records (id: the name they work under, as in
 * WF_OPERATOR; name, role, organisation, active); a case is assigned to
 * one, effective-dated, the history kept and audited. An unknown operator
 * is refused with the command that registers it.
 *
 * Tables: operator, case_manager.
 */
#include <string.h>

#include "casefile.h"

const char wf_operator_columns[] = "id,name,role,organisation,active";

static const char *const operator_kinds[] = { "operator", NULL };
static const struct wf_field operator_fields[] = {
	{ "kind", WF_T_ENUM, 0, operator_kinds, NULL, 0, 0 },
	{ "id", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "role", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "organisation", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "active", WF_T_BOOL, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema operator_schema = { "operator", operator_fields };

static const char SQL_OPERATOR_GET[] =
	"SELECT p.code, p.name, p.role, o.code, p.active, p.id FROM operator p"
	" LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.code = ?";
enum {
	OP_ID, OP_NAME, OP_ROLE, OP_ORGANISATION, OP_ACTIVE, OP_ROW
};

cJSON *wf_operator_get(struct wf_store *st, const char *code,
                       struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_OPERATOR_GET, code, WF_EX_NOMATCH,
	                             "operator", e);
	cJSON *o;

	if (!s)
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", "operator");
	wf_col_add(o, "id", s, OP_ID);
	wf_col_add(o, "name", s, OP_NAME);
	wf_col_add(o, "role", s, OP_ROLE);
	wf_col_add(o, "organisation", s, OP_ORGANISATION);
	cJSON_AddBoolToObject(o, "active", wf_col_int(s, OP_ACTIVE));
	wf_reset(s);
	return o;
}

/* The organisation an operator works for: any registered one. */
static int organisation(struct wf_store *st, const struct wf_record *rec,
                        long long *id, struct wf_err *e)
{
	const char *code = wf_json_str(rec->root, "organisation");

	*id = 0;
	if (!code)
		return 0;
	if ((*id = wf_sql_id(st, WF_SQL_ORG_ID, code, e)) < 0)
		return e->code;
	if (*id)
		return 0;
	return wf_record_err(rec, wf_json_path(rec->root, "organisation"),
	                     "organisation", e, WF_EX_DATAERR, "unknown "
	                     "organisation '%s' (register it with 'wf org add "
	                     "--id %s --name NAME --role ROLE')", code, code);
}

static const char SQL_OPERATOR_ID[] =
	"SELECT id FROM operator WHERE code = ?";

static const char SQL_OPERATOR_PUT[] =
	"INSERT INTO operator (code, name, role, organisation_id, active,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
	" ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	" role = excluded.role, organisation_id = excluded.organisation_id,"
	" active = excluded.active, updated_at = excluded.updated_at";

int wf_operator_add(struct wf_ctx *ctx, struct wf_record *rec,
                    struct wf_err *e)
{
	const cJSON *active = cJSON_GetObjectItemCaseSensitive(rec->root,
	                                                      "active");
	const char *code;
	long long org, id;
	struct wf_stmt *s;
	cJSON *out;
	char now[32];
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected an operator record");
	if ((rc = wf_validate(rec, rec->root, &operator_schema, "", e)) ||
	    (rc = organisation(ctx->st, rec, &org, e)))
		return rc;
	code = wf_json_str(rec->root, "id");
	if ((id = wf_sql_id(ctx->st, SQL_OPERATOR_ID, code, e)) < 0 ||
	    !(s = wf_sql(ctx->st, SQL_OPERATOR_PUT, e)))
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, code);
	wf_bind_text(s, 2, wf_json_str(rec->root, "name"));
	wf_bind_text(s, 3, wf_json_str(rec->root, "role"));
	if (org)
		wf_bind_int64(s, 4, org);
	wf_bind_int(s, 5, !cJSON_IsFalse(active));
	wf_bind_text(s, 6, now);
	if ((rc = wf_sql_done(ctx->st, s, e)) ||
	    !(out = wf_operator_get(ctx->st, code, e)))
		return rc ? rc : e->code;
	rc = wf_audit(ctx, id ? "update" : "add", "operator", code, out, e);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

/* ?1: 1 for the active ones only. */
static const char SQL_OPERATOR_ALL[] =
	"SELECT code FROM operator WHERE ?1 = 0 OR active <> 0 ORDER BY code";

int wf_operator_list(struct wf_ctx *ctx, int active, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_OPERATOR_ALL, e);

	if (!s)
		return e->code;
	wf_bind_int(s, 1, active != 0);
	return wf_emit_rows(ctx, s, wf_operator_get, N_("no operators"), e);
}

int wf_operator_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                     struct wf_err *e)
{
	return wf_show_each(ctx, ids, wf_operator_get, e);
}

/* The operator registered as code, active: its row id, else refused. */
static int operator_require(struct wf_store *st, const char *code,
                            long long *id, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_OPERATOR_GET, e);
	int rc, active = 0;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, code);
	*id = 0;
	if ((rc = wf_step(s)) == WF_ROW) {
		*id = wf_col_int64(s, OP_ROW);
		active = wf_col_int(s, OP_ACTIVE);
	}
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	if (!*id)
		return wf_err_set(e, WF_EX_DATAERR, "unknown operator '%s' (register "
		                  "them with 'wf operator add --id %s --name NAME')",
		                  code, code);
	if (!active)
		return wf_err_set(e, WF_EX_DATAERR, "operator '%s' is no longer "
		                  "active", code);
	return 0;
}

static const char SQL_CASE_ASSIGN[] =
	"INSERT INTO case_manager (case_id, operator_id, effective_date, note,"
	" recorded_at, operator) VALUES (?, ?, ?, ?, ?, ?)";

int wf_case_assign(struct wf_ctx *ctx, const struct wf_assign_opts *o,
                   struct wf_record *rec, struct wf_err *e)
{
	const char *id = wf_record_case_id(rec, e);
	struct wf_case c;
	char date[11], now[32];
	long long op = 0;
	struct wf_stmt *s;
	cJSON *detail, *out;
	int rc;

	if (!id)
		return e->code;
	if ((rc = wf_case_load(ctx->st, id, &c, e)) ||
	    (rc = wf_effective_date(o->date, "--date", date, e)) ||
	    (rc = operator_require(ctx->st, o->to, &op, e)))
		return rc;
	if (!wf_status_open(c.status))
		return wf_err_set(e, WF_EX_DATAERR, "case '%s' is %s: only an open "
		                  "case is assigned", c.id, c.status);
	if (strcmp(date, c.opened_on) < 0)
		return wf_err_set(e, WF_EX_DATAERR, "case '%s': date %s is before "
		                  "it was opened, %s", c.id, date, c.opened_on);
	if (!(s = wf_sql(ctx->st, SQL_CASE_ASSIGN, e)))
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, c.id);
	wf_bind_int64(s, 2, op);
	wf_bind_text(s, 3, date);
	wf_bind_text(s, 4, o->note);
	wf_bind_text(s, 5, now);
	wf_bind_text(s, 6, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "to", o->to);
	cJSON_AddStringToObject(detail, "date", date);
	rc = wf_audit(ctx, "assign", "case", c.id, detail, e);
	cJSON_Delete(detail);
	if (rc || !(out = wf_case_record(ctx->st, c.id, 0, e)))
		return rc ? rc : e->code;
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}
