/*
 * orggrant.c - which database roles act for which organisation, on a
 * store the agencies of a region share: granted, the role may use the
 * store's tables and sees the cases its organisations hold (scope.c);
 * its last organisation revoked, it may use none. Kept, and audited, in
 * the store, so that a copy of it keeps them; a SQLite store has no
 * roles and refuses them.
 *
 * Tables: org_grant.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "store.h"

const char wf_org_grant_columns[] = "organisation,role,granted_at,by";

static const char *const grant_kinds[] = { "grant", NULL };
static const struct wf_field grant_fields[] = {
	{ "kind", WF_T_ENUM, 0, grant_kinds, NULL, 0, 0 },
	{ "organisation", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "role", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema grant_schema = { "grant", grant_fields };

/* A name a server takes as a role without quotes, and none of its own:
 * letters, digits, _ and $, at most 63 bytes, not pg_... nor public. */
static int role_name_ok(const char *r)
{
	size_t n = strlen(r);

	if (!n || n > 63 || !(isalpha((unsigned char)*r) || *r == '_') ||
	    !strncasecmp(r, "pg_", 3) || !strcasecmp(r, "public"))
		return 0;
	for (const char *p = r; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '$')
			return 0;
	return 1;
}

/* A grant record, as checked. */
struct grant {
	const char *code, *role;     /* the organisation's, the role's name */
	long long org;               /* the organisation's row id */
};

static int owner_only(struct wf_err *e)
{
	return wf_err_set(e, WF_EX_NOPERM, "roles are granted and revoked by the "
	                  "store's owner");
}

/* The record checked, and that the caller may change grants. */
static int grant_valid(struct wf_store *st, struct wf_record *rec,
                       struct grant *g, struct wf_err *e)
{
	const char *code, *role;
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a grant record");
	if ((rc = wf_validate(rec, rec->root, &grant_schema, "", e)))
		return rc;
	code = wf_json_str(rec->root, "organisation");
	role = wf_json_str(rec->root, "role");
	if (!role_name_ok(role))
		return wf_record_err(rec, wf_json_path(rec->root, "role"), "role", e,
		                     WF_EX_DATAERR, "'%s' is not a role name (letters,"
		                     " digits and _, at most 63, not pg_... nor "
		                     "public)", role);
	if ((g->org = wf_sql_id(st, WF_SQL_ORG_ID, code, e)) < 0)
		return e->code;
	if (!g->org)
		return wf_record_err(rec, wf_json_path(rec->root, "organisation"),
		                     "organisation", e, WF_EX_DATAERR, "unknown "
		                     "organisation '%s' (register it with 'wf org "
		                     "add')", code);
	g->code = code;
	g->role = role;
	return wf_store_scoped(st) ? owner_only(e) : 0;
}

static const char SQL_GRANT_ADD[] =
	"INSERT INTO org_grant (role, organisation_id, granted_at, operator)"
	" VALUES (?, ?, ?, ?)";

static const char SQL_GRANT_GET[] =
	"SELECT o.code, g.role, g.granted_at, g.operator FROM org_grant g"
	" JOIN organisation o ON o.id = g.organisation_id"
	" WHERE (?1 IS NULL OR g.role = ?1) AND (?2 IS NULL OR o.code = ?2)"
	" ORDER BY o.code, g.role";
enum {
	GRANT_ORG, GRANT_ROLE, GRANT_AT, GRANT_BY
};

static cJSON *grant_row(struct wf_stmt *s)
{
	cJSON *g = cJSON_CreateObject();

	cJSON_AddStringToObject(g, "kind", "grant");
	wf_col_add(g, "organisation", s, GRANT_ORG);
	wf_col_add(g, "role", s, GRANT_ROLE);
	wf_col_add(g, "granted_at", s, GRANT_AT);
	wf_col_add(g, "by", s, GRANT_BY);
	return g;
}

/* Emit the grants of role and org (either NULL: any); *n how many. */
static int emit_grants(struct wf_ctx *ctx, const char *role, const char *org,
                       long *n, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_GRANT_GET, e);
	int rc = 0, step;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, role);
	wf_bind_text(s, 2, org);
	*n = 0;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *g = grant_row(s);

		rc = wf_emit(ctx, g, e);
		cJSON_Delete(g);
		++*n;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	return rc;
}

/* Whether role acts for the organisation coded org: 1, 0, or -1 with e
 * set. */
static int granted(struct wf_store *st, const char *role, const char *org,
                   struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_GRANT_GET, e);
	int step;

	if (!s)
		return -1;
	wf_bind_text(s, 1, role);
	wf_bind_text(s, 2, org);
	step = wf_step(s);
	wf_reset(s);
	if (step != WF_ROW && step != WF_DONE)
		return wf_sql_err(st, step, e), -1;
	return step == WF_ROW;
}

/* The audit's entry of a change: about the organisation, naming the
 * role. */
static int audit_grant(struct wf_ctx *ctx, const char *action,
                       const char *org, const char *role, struct wf_err *e)
{
	cJSON *d = cJSON_CreateObject();
	int rc;

	cJSON_AddStringToObject(d, "role", role);
	rc = wf_audit(ctx, action, "organisation", org, d, e);
	cJSON_Delete(d);
	return rc;
}

int wf_org_grant(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	struct wf_stmt *s;
	struct grant g;
	char now[32];
	long n;
	int rc;

	if ((rc = grant_valid(ctx->st, rec, &g, e)))
		return rc;
	/* the server's privileges given again all the same: a store copied
	 * to another server has the grants, not yet the privileges */
	if ((rc = wf_store_role(ctx->st, g.role, 1, e)) ||
	    (rc = granted(ctx->st, g.role, g.code, e)) < 0)
		return rc < 0 ? e->code : rc;
	if (rc)
		return emit_grants(ctx, g.role, g.code, &n, e);
	if (!(s = wf_sql(ctx->st, SQL_GRANT_ADD, e)))
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, g.role);
	wf_bind_int64(s, 2, g.org);
	wf_bind_text(s, 3, now);
	wf_bind_text(s, 4, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)) ||
	    (rc = audit_grant(ctx, "grant", g.code, g.role, e)))
		return rc;
	return emit_grants(ctx, g.role, g.code, &n, e);
}

static const char SQL_GRANT_DEL[] =
	"DELETE FROM org_grant WHERE role = ? AND organisation_id = ?";

static const char SQL_GRANT_LEFT[] =
	"SELECT count(*) FROM org_grant WHERE role = ?";

int wf_org_revoke(struct wf_ctx *ctx, struct wf_record *rec,
                  struct wf_err *e)
{
	struct wf_stmt *s;
	struct grant g;
	const char *code, *role;
	long long left;
	cJSON *out;
	int rc;

	if ((rc = grant_valid(ctx->st, rec, &g, e)))
		return rc;
	code = g.code;
	role = g.role;
	if ((rc = granted(ctx->st, role, code, e)) <= 0)
		return rc < 0 ? e->code
		       : wf_record_err(rec, wf_json_path(rec->root, "role"), "role",
		                       e, WF_EX_DATAERR, "role '%s' does not act for "
		                       "'%s'", role, code);
	if (!(s = wf_sql(ctx->st, SQL_GRANT_DEL, e)))
		return e->code;
	wf_bind_text(s, 1, role);
	wf_bind_int64(s, 2, g.org);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	if ((left = wf_sql_id(ctx->st, SQL_GRANT_LEFT, role, e)) < 0 ||
	    (!left && (rc = wf_store_role(ctx->st, role, 0, e))))
		return left < 0 ? e->code : rc;
	if ((rc = audit_grant(ctx, "revoke", code, role, e)))
		return rc;
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "kind", "grant");
	cJSON_AddStringToObject(out, "organisation", code);
	cJSON_AddStringToObject(out, "role", role);
	cJSON_AddBoolToObject(out, "revoked", 1);
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

int wf_org_grants(struct wf_ctx *ctx, const char *org, struct wf_err *e)
{
	long n;
	int rc = emit_grants(ctx, NULL, org, &n, e);

	if (!rc && !n)
		rc = org ? wf_err_set(e, WF_EX_NOMATCH, "no role acts for '%s'", org)
		         : wf_err_set(e, WF_EX_NOMATCH, "no roles act for any "
		                      "organisation (grant one with 'wf org grant "
		                      "ORG ROLE')");
	return rc;
}
