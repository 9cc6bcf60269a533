/*
 * org.c - organisations: the referring bodies, host organisations,
 * assessors, providers and funders a case file names. They are registered
 * records (id, name, roles); a reference to one that is not registered is
 * refused with the command that would register it.
 *
 * Tables: organisation, organisation_role.
 */
#include <string.h>

#include "store.h"

const char *const wf_org_roles[] = { "referrer", "host", "assessor",
                                     "provider", "funder", NULL };
const char wf_org_columns[] = "id,name,roles,employees,municipality";

static const char *const org_kinds[] = { "organisation", NULL };

static const struct wf_field org_fields[] = {
	{ "kind", WF_T_ENUM, 0, org_kinds, NULL, 0, 0 },
	{ "id", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "roles", WF_T_ENUMS, WF_F_REQUIRED, wf_org_roles, NULL, 0, 0 },
	{ "employees", WF_T_INT, 0, NULL, NULL, 0, 10000000 },
	{ "municipality", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "address", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "email", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "phone", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema org_schema = { "organisation", org_fields };

static const char SQL_ORG_INSERT[] =
	"INSERT INTO organisation (code, name, employees, municipality, address,"
	" email, phone, notes, created_at, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_ORG_UPDATE[] =
	"UPDATE organisation SET name = ?, employees = ?, municipality = ?,"
	" address = ?, email = ?, phone = ?, notes = ?, updated_at = ?"
	" WHERE id = ?";

/* Write the fields of r to a new or existing row. */
static int org_write(struct wf_store *st, const cJSON *r, long long *id,
                     struct wf_err *e)
{
	static const char *const cols[] = { "employees", "municipality", "address",
	                                    "email", "phone", "notes" };
	struct wf_stmt *s = wf_sql(st, *id ? SQL_ORG_UPDATE : SQL_ORG_INSERT, e);
	char now[32];
	int i = 1, rc;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	if (!*id)
		wf_bind_text(s, i++, wf_json_str(r, "id"));
	wf_bind_text(s, i++, wf_json_str(r, "name"));
	for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
		wf_bind_json(s, i++, cJSON_GetObjectItemCaseSensitive(r, cols[c]));
	if (!*id)
		wf_bind_text(s, i++, now);
	wf_bind_text(s, i++, now);
	if (*id)
		wf_bind_int64(s, i++, *id);
	if ((rc = wf_sql_done(st, s, e)))
		return rc;
	if (!*id)
		*id = wf_sql_last_id(st);
	return 0;
}

static const char SQL_ORG_ROLE_CLEAR[] =
	"DELETE FROM organisation_role WHERE organisation_id = ?";

static const char SQL_ORG_ROLE_ADD[] =
	"INSERT INTO organisation_role (organisation_id, role)"
	" VALUES (?, ?) ON CONFLICT DO NOTHING";

static int org_roles(struct wf_store *st, long long id, const cJSON *roles,
                     struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_ORG_ROLE_CLEAR, e);
	const cJSON *r;
	int rc;

	if (!s)
		return e->code;
	wf_bind_int64(s, 1, id);
	if ((rc = wf_sql_done(st, s, e)))
		return rc;
	cJSON_ArrayForEach(r, roles) {
		if (!(s = wf_sql(st, SQL_ORG_ROLE_ADD, e)))
			return e->code;
		wf_bind_int64(s, 1, id);
		wf_bind_text(s, 2, r->valuestring);
		if ((rc = wf_sql_done(st, s, e)))
			return rc;
	}
	return 0;
}

int wf_org_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	long long id;
	cJSON *out;
	const char *code;
	int rc, existed;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected an organisation record");
	if ((rc = wf_validate(rec, rec->root, &org_schema, "", e)))
		return rc;
	code = wf_json_str(rec->root, "id");
	if ((id = wf_sql_id(ctx->st, WF_SQL_ORG_ID, code, e)) < 0)
		return e->code;
	existed = id != 0;
	if ((rc = org_write(ctx->st, rec->root, &id, e)) ||
	    (rc = org_roles(ctx->st, id, cJSON_GetObjectItemCaseSensitive(
	                        rec->root, "roles"), e)))
		return rc;
	if (!(out = wf_org_get(ctx->st, code, e)))
		return e->code;
	rc = wf_audit(ctx, existed ? "update" : "add", "organisation", code, out, e);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

/* An organisation's record, a row: its roles a JSON list, looked up for
 * one organisation, aggregated once for the list (PostgreSQL would scan
 * the roles again for every organisation). */
#define ORG_SELECT(roles, from) \
	"SELECT o.code, o.name, " roles "," \
	" o.employees, o.municipality, o.address, o.email, o.phone, o.notes" \
	" FROM organisation o" from
enum {
	GET_ID, GET_NAME, GET_ROLES, GET_EMPLOYEES, GET_MUNICIPALITY,
	GET_ADDRESS, GET_EMAIL, GET_PHONE, GET_NOTES
};

static const char SQL_ORG_GET[] = ORG_SELECT(
	"(SELECT json_group_array(role) FROM"
	"  (SELECT r.role FROM organisation_role r"
	"   WHERE r.organisation_id = o.id ORDER BY r.role))", "")
	" WHERE o.code = ?";

static cJSON *org_of_row(struct wf_stmt *s)
{
	static const char *const cols[] = { "employees", "municipality", "address",
	                                    "email", "phone", "notes" };
	const char *roles = wf_col_str(s, GET_ROLES);
	cJSON *o = cJSON_CreateObject(), *r = roles ? cJSON_Parse(roles) : NULL;

	cJSON_AddStringToObject(o, "kind", "organisation");
	wf_col_add(o, "id", s, GET_ID);
	wf_col_add(o, "name", s, GET_NAME);
	cJSON_AddItemToObject(o, "roles", r ? r : cJSON_CreateArray());
	for (int i = GET_EMPLOYEES; i <= GET_NOTES; i++)
		wf_col_add(o, cols[i - GET_EMPLOYEES], s, i);
	return o;
}

cJSON *wf_org_get(struct wf_store *st, const char *code, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_ORG_GET, code, WF_EX_NOMATCH,
	                             "organisation", e);
	cJSON *o;

	if (!s)
		return NULL;
	o = org_of_row(s);
	wf_reset(s);
	return o;
}

static const char SQL_ORG_ALL[] =
	ORG_SELECT("r.roles",
	" LEFT JOIN (SELECT organisation_id, json_group_array(role) AS roles"
	"  FROM (SELECT organisation_id, role FROM organisation_role"
	"   ORDER BY organisation_id, role) GROUP BY organisation_id) r"
	" ON r.organisation_id = o.id")
	" WHERE ? IS NULL OR o.id IN"
	" (SELECT organisation_id FROM organisation_role WHERE role = ?)"
	" ORDER BY o.code";

int wf_org_list(struct wf_ctx *ctx, const char *role, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_ORG_ALL, e);
	char none[64];

	if (!s)
		return e->code;
	wf_bind_text(s, 1, role);
	wf_bind_text(s, 2, role);
	if (role)
		snprintf(none, sizeof none, _("no organisations with role %s"),
		         role);
	else
		snprintf(none, sizeof none, "%s", _("no organisations"));
	return wf_emit_made(ctx, s, org_of_row, none, e);
}

static const char SQL_ORG_ROLE[] =
	"SELECT o.id, EXISTS (SELECT 1 FROM organisation_role r"
	"  WHERE r.organisation_id = o.id AND r.role = ?)"
	" FROM organisation o WHERE o.code = ?";
enum {
	ROLE_ORG, ROLE_HAS
};

int wf_org_require(struct wf_store *st, const char *code, const char *role,
                   long long *id, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_ORG_ROLE, e);
	int rc, has = 0;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, role);
	wf_bind_text(s, 2, code);
	*id = 0;
	if ((rc = wf_step(s)) == WF_ROW) {
		*id = wf_col_int64(s, ROLE_ORG);
		has = wf_col_int(s, ROLE_HAS);
	}
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	if (!*id)
		return wf_err_set(e, WF_EX_DATAERR,
		                  "unknown organisation '%s' (register it with "
		                  "'wf org add --id %s --name NAME --role %s')",
		                  code, code, role);
	if (!has)
		return wf_err_set(e, WF_EX_DATAERR,
		                  "organisation '%s' is not registered as a %s "
		                  "(add the role with 'wf org add')", code, role);
	return 0;
}

int wf_org_show(struct wf_ctx *ctx, const struct wf_ids *ids, struct wf_err *e)
{
	return wf_show_each(ctx, ids, wf_org_get, e);
}
