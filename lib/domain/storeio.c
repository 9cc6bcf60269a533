/*
 * storeio.c - the whole store as a stream of records and back: every row
 * of every table, a record each ({kind: row, table, and its columns},
 * NULL columns left out), tables parents first and rows in the order of
 * their keys, after a first record that says which schema they are of.
 * Read back into an empty store of the same schema, the stream makes the
 * same store, and exported again the same stream, byte for byte. The
 * audit's rows go back in order, so its guards accept them and its chain
 * still verifies.
 *
 * The statements are made here from the names of the tables below and
 * of their columns as the schema gives them (a query's own), never
 * from the input: an input's table must be one of these and each of its
 * fields one of that table's columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditchain.h"

/* Every table of the store, parents before children. */
static const char *const tables[] = {
	"organisation", "organisation_role", "programme", "person",
	"person_duplicate", "case_seq", "cases", "case_status", "referral",
	"certification", "assessment_session", "skill", "prerequisite",
	"fragility", "decision", "plan", "plan_goal", "plan_action",
	"placement", "placement_status", "attendance", "case_closure",
	"contact", "follow_up", "voided", "consent", "disclosure", "audit",
	"audit_cases", "operator", "case_manager", "org_grant", NULL
};

/* The key each is exported in the order of: its id, but where a table
 * has another primary key. */
static const char *order_of(const char *table)
{
	static const struct {
		const char *table, *key;
	} keys[] = {
		{ "organisation_role", "organisation_id, role" },
		{ "person_duplicate", "person_id, other_id" },
		{ "case_seq", "year" },
		{ "attendance", "placement_id, month" },
		{ "audit_cases", "audit_id, case_id" },
		{ "org_grant", "role, organisation_id" },
	};

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(keys[i].table, table))
			return keys[i].key;
	return "id";
}

static int table_index(const char *name)
{
	for (int i = 0; name && tables[i]; i++)
		if (!strcmp(tables[i], name))
			return i;
	return -1;
}

static const char SQL_STORE_TABLES[] =
	"SELECT name FROM sqlite_master WHERE type = 'table'"
	" AND name NOT LIKE 'sqlite_%'";

/* A table the list above misses would be lost: refuse to export. */
static int all_tables_known(struct wf_store *st, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_STORE_TABLES, e);
	int rc = 0;

	if (!s)
		return e->code;
	while (!rc && wf_step(s) == WF_ROW)
		if (table_index(wf_col_str(s, 0)) < 0)
			rc = wf_err_set(e, WF_EX_SOFTWARE, "table '%s' is not exported: "
			                "this build of workflow is incomplete",
			                wf_col_str(s, 0));
	wf_reset(s);
	return rc;
}

static cJSON *row_record(const char *table, struct wf_stmt *s)
{
	cJSON *rec = cJSON_CreateObject(), *r;

	cJSON_AddStringToObject(rec, "kind", "row");
	cJSON_AddStringToObject(rec, "table", table);
	r = cJSON_AddObjectToObject(rec, "row");
	wf_row_add(r, s);   /* every column by its name; a NULL is left out */
	return rec;
}

static int export_table(struct wf_ctx *ctx, const char *table, long *n,
                        struct wf_err *e)
{
	char sql[128];
	struct wf_stmt *s;
	int rc = 0, step;

	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", table,
	         order_of(table));
	if (!(s = wf_sql_prepare(ctx->st, sql, e)))
		return e->code;
	wf_sql_many(s);
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r = row_record(table, s);

		rc = wf_emit(ctx, r, e);
		cJSON_Delete(r);
		++*n;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_sql_finalize(s);
	return rc;
}

int wf_store_export(struct wf_ctx *ctx, struct wf_err *e)
{
	cJSON *head = cJSON_CreateObject(), *d;
	long n = 0;
	int rc;

	cJSON_AddStringToObject(head, "kind", "store");
	cJSON_AddStringToObject(head, "id", "workflow");
	cJSON_AddNumberToObject(head, "schema_version", wf_store_version(ctx->st));
	if (!(rc = all_tables_known(ctx->st, e)))
		rc = wf_emit(ctx, head, e);
	cJSON_Delete(head);
	for (int i = 0; tables[i] && !rc; i++)
		rc = export_table(ctx, tables[i], &n, e);
	if (rc)
		return rc;
	/* the export, in the trail, after the snapshot it read */
	d = cJSON_CreateObject();
	cJSON_AddNumberToObject(d, "rows", (double)n);
	rc = wf_audit_apart(ctx, "export", "store", wf_store_file(ctx->st), 0, d,
	                    e);
	cJSON_Delete(d);
	return rc;
}

/* ---- import ------------------------------------------------------------ */

/* The columns of a table (one of tables[]), by the schema: those of a
 * query of it, as either engine names them. */
static int columns(struct wf_store *st, const char *table, cJSON *names,
                   struct wf_err *e)
{
	char sql[96];
	struct wf_stmt *s;
	int step;

	snprintf(sql, sizeof sql, "SELECT * FROM %s LIMIT 0", table);
	if (!(s = wf_sql_prepare(st, sql, e)))
		return e->code;
	if ((step = wf_step(s)) == WF_DONE)
		for (int i = 0; i < wf_col_count(s); i++)
			cJSON_AddItemToArray(names, cJSON_CreateString(
				wf_col_name(s, i)));
	wf_sql_finalize(s);
	return step == WF_DONE ? 0 : wf_sql_err(st, step, e);
}

static int check_fields(const struct wf_record *rec, const cJSON *names,
                        struct wf_err *e)
{
	const cJSON *row = cJSON_GetObjectItemCaseSensitive(rec->root, "row");
	const cJSON *c, *n;

	if (!cJSON_IsObject(row))
		return wf_record_err(rec, rec->root, "row", e, WF_EX_DATAERR,
		                     "a row's columns are an object");
	cJSON_ArrayForEach(c, rec->root)
		if (strcmp(c->string, "kind") && strcmp(c->string, "table") &&
		    strcmp(c->string, "row"))
			return wf_record_err(rec, c, c->string, e, WF_EX_DATAERR,
			                     "unknown field (a row has kind, table "
			                     "and row)");
	cJSON_ArrayForEach(c, row) {
		int known = 0;

		cJSON_ArrayForEach(n, names)
			known |= !strcmp(n->valuestring, c->string);
		if (!known)
			return wf_record_err(rec, c, c->string, e, WF_EX_DATAERR,
			                     "not a column of table '%s'",
			                     wf_json_str(rec->root, "table"));
		if (cJSON_IsObject(c) || cJSON_IsArray(c) || cJSON_IsBool(c))
			return wf_record_err(rec, c, c->string, e, WF_EX_DATAERR,
			                     "a column holds text, a number or null");
	}
	return 0;
}

static int insert_row(struct wf_store *st, const struct wf_record *rec,
                      const char *table, const cJSON *names, struct wf_err *e)
{
	char sql[2048];
	size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (", table);
	const cJSON *c;
	struct wf_stmt *s;
	int i = 0, rc;

	cJSON_ArrayForEach(c, names)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"",
		                      i++ ? ", " : "", c->valuestring);
	n += (size_t)snprintf(sql + n, sizeof sql - n, ") VALUES (");
	for (int k = 0; k < i; k++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?", k ? ", " : "");
	snprintf(sql + n, sizeof sql - n, ")");
	if (!(s = wf_sql_prepare(st, sql, e)))
		return e->code;
	i = 0;
	cJSON_ArrayForEach(c, names)
		wf_bind_json(s, ++i, cJSON_GetObjectItemCaseSensitive(
			wf_json_path(rec->root, "row"), c->valuestring));
	rc = wf_step(s);
	if (rc == WF_DONE) {
		wf_sql_finalize(s);
		if (!strcmp(table, "audit"))   /* a head noted before is past */
			wf_store_head_set(st, 0, "");
		return 0;
	}
	wf_reset(s);   /* keeps the error message for below */
	{
		/* a constraint the row breaks: bad data, at the row */
		const char *why = wf_store_errmsg(st);
		char msg[sizeof e->msg];

		snprintf(msg, sizeof msg, "%s", why);
		wf_sql_finalize(s);
		if (!wf_sql_constraint(st, rc))
			return wf_sql_err(st, rc, e);
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "the row breaks the store's rules: %s", msg);
	}
}

/* Whether anything was recorded yet. */
static const char SQL_STORE_ANY[] =
	"SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM"
	" organisation) + (SELECT count(*) FROM programme)"
	" + (SELECT count(*) FROM cases)";

/* The first record says which schema follows; the store must be empty
 * and of that schema. */
static int import_head(struct wf_ctx *ctx, const struct wf_record *rec,
                       struct wf_err *e)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec->root,
	                                                  "schema_version");
	long long rows;

	if (!cJSON_IsNumber(v))
		return wf_record_err(rec, rec->root, "schema_version", e,
		                     WF_EX_DATAERR, "an export begins with the "
		                     "schema it is of");
	if (v->valuedouble != wf_store_version(ctx->st))
		return wf_record_err(rec, v, "schema_version", e, WF_EX_DATAERR,
		                     "an export of schema version %g goes into a "
		                     "store of that version, not %d",
		                     v->valuedouble, wf_store_version(ctx->st));
	if ((rows = wf_sql_id(ctx->st, SQL_STORE_ANY, NULL, e)) < 0)
		return e->code;
	if (rows)
		return wf_err_set(e, WF_EX_DATAERR, "the store at '%s' is not "
		                  "empty: import into a new one",
		                  wf_store_file(ctx->st));
	return 0;
}

/* The columns of table, read from the schema once an import. */
static cJSON *table_columns(struct wf_store *st, struct wf_import *im,
                            const char *table, struct wf_err *e)
{
	cJSON *names;

	if (!im->columns && !(im->columns = cJSON_CreateObject())) {
		wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	if ((names = cJSON_GetObjectItemCaseSensitive(im->columns, table)))
		return names;
	names = cJSON_AddArrayToObject(im->columns, table);
	if (names && !columns(st, table, names, e))
		return names;
	if (!names)
		wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	cJSON_DeleteItemFromObjectCaseSensitive(im->columns, table);
	return NULL;
}

void wf_import_end(struct wf_import *im)
{
	cJSON_Delete(im->columns);
	im->columns = NULL;
}

int wf_store_import(struct wf_ctx *ctx, struct wf_import *im,
                    struct wf_record *rec, struct wf_err *e)
{
	/* im, the state across records: whether the head was read, and
	 * the columns of the tables met */
	const char *kind = wf_json_str(rec->root, "kind");
	const char *table = wf_json_str(rec->root, "table");
	cJSON *names;
	int t, rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a record of an export");
	if (kind && !strcmp(kind, "store")) {
		if (im->head)
			return wf_record_err(rec, rec->root, "kind", e, WF_EX_DATAERR,
			                     "one export at a time: a second schema "
			                     "record");
		if ((rc = import_head(ctx, rec, e)))
			return rc;
		im->head = 1;
		return 0;
	}
	if (!im->head)
		return wf_record_err(rec, rec->root, "kind", e, WF_EX_DATAERR,
		                     "an export begins with the record of its "
		                     "schema (kind: store)");
	if (!kind || strcmp(kind, "row"))
		return wf_record_err(rec, rec->root, "kind", e, WF_EX_DATAERR,
		                     "an export holds rows (kind: row)");
	if ((t = table_index(table)) < 0)
		return wf_record_err(rec, wf_json_path(rec->root, "table"), "table",
		                     e, WF_EX_DATAERR, "'%s' is not a table of the "
		                     "store", table ? table : "");
	if (!(names = table_columns(ctx->st, im, tables[t], e)))
		return e->code;
	if ((rc = check_fields(rec, names, e)))
		return rc;
	return insert_row(ctx->st, rec, tables[t], names, e);
}

/* ---- what the store holds, counted ------------------------------------ */

const char wf_store_info_columns[] =
	"id,engine,schema_version,records.people,records.cases,"
	"records.cases_open";

/* What wf store info counts, each by a statement of its own. */
static const struct {
	const char *key, *sql;
} counted[] = {
	{ "people", "SELECT count(*) FROM person WHERE erased_at IS NULL" },
	{ "people_erased", "SELECT count(*) FROM person"
	  " WHERE erased_at IS NOT NULL" },
	{ "cases", "SELECT count(*) FROM cases" },
	{ "cases_open", "SELECT count(*) FROM cases WHERE status IN "
	  OPEN_STATUSES },
	{ "referrals", "SELECT count(*) FROM referral" },
	{ "assessment_sessions", "SELECT count(*) FROM assessment_session" },
	{ "plans", "SELECT count(*) FROM plan" },
	{ "placements", "SELECT count(*) FROM placement" },
	{ "attendances", "SELECT count(*) FROM attendance" },
	{ "contacts", "SELECT count(*) FROM contact" },
	{ "follow_ups", "SELECT count(*) FROM follow_up" },
	{ "closings", "SELECT count(*) FROM case_closure" },
	{ "consents", "SELECT count(*) FROM consent" },
	{ "organisations", "SELECT count(*) FROM organisation" },
	{ "programmes", "SELECT count(*) FROM programme" },
	{ "operators", "SELECT count(*) FROM operator" },
	{ "voided", "SELECT count(*) FROM voided" },
	{ "audit_entries", "SELECT count(*) FROM audit" },
};

int wf_store_counts(struct wf_store *st, cJSON *into, struct wf_err *e)
{
	for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++) {
		struct wf_stmt *s = wf_sql(st, counted[i].sql, e);
		int rc;

		if (!s)
			return e->code;
		if ((rc = wf_step(s)) != WF_ROW) {
			wf_reset(s);
			return wf_sql_err(st, rc, e);
		}
		cJSON_AddNumberToObject(into, counted[i].key,
		                        (double)wf_col_int64(s, 0));
		wf_reset(s);
	}
	return 0;
}

/* ---- one store copied into another -------------------------------------- */

const char wf_store_copy_columns[] = "kind,id,from,engine,rows";

/* The rows of table in st, in key order, inserted into dst as they are:
 * each value bound as the kind it is. */
static int copy_table(struct wf_store *st, struct wf_store *dst,
                      const char *table, long *rows, struct wf_err *e)
{
	char sql[160], ins[2048];
	struct wf_stmt *s, *d = NULL;
	int rc = 0, step;

	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", table,
	         order_of(table));
	if (!(s = wf_sql_prepare(st, sql, e)))
		return e->code;
	wf_sql_many(s);
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		int n = wf_col_count(s);

		if (!d) {
			size_t k = (size_t)snprintf(ins, sizeof ins, "INSERT INTO %s (",
			                            table);

			for (int i = 0; i < n; i++)
				k += (size_t)snprintf(ins + k, sizeof ins - k, "%s\"%s\"",
				                      i ? ", " : "", wf_col_name(s, i));
			k += (size_t)snprintf(ins + k, sizeof ins - k, ") VALUES (");
			for (int i = 0; i < n; i++)
				k += (size_t)snprintf(ins + k, sizeof ins - k, "%s?",
				                      i ? ", " : "");
			snprintf(ins + k, sizeof ins - k, ")");
			if (!(d = wf_sql_prepare(dst, ins, e))) {
				rc = e->code;
				break;
			}
		}
		for (int i = 0; i < n; i++)
			switch (wf_col_type(s, i)) {
			case WF_COL_INT:
				wf_bind_int64(d, i + 1, wf_col_int64(s, i));
				break;
			case WF_COL_REAL:
				wf_bind_double(d, i + 1, wf_col_double(s, i));
				break;
			case WF_COL_NULL:
				wf_bind_null(d, i + 1);
				break;
			default:
				wf_bind_text(d, i + 1, wf_col_str(s, i));
			}
		if (!(rc = wf_sql_done(dst, d, e)))
			++*rows;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(st, step, e);
	wf_sql_finalize(d);
	wf_sql_finalize(s);
	return rc;
}

/* Every row of every table of st, into the new or empty store at to. */
static int copy_rows(struct wf_store *st, struct wf_store *dst, long *rows,
                     struct wf_err *e)
{
	long long any;
	int rc;

	if (wf_store_version(dst) != wf_store_version(st))
		return wf_err_set(e, WF_EX_DATAERR, "'%s' is at schema version %d, "
		                  "the store copied at %d", wf_store_file(dst),
		                  wf_store_version(dst), wf_store_version(st));
	if ((rc = wf_store_begin(dst, e)))
		return rc;
	if ((any = wf_sql_id(dst, SQL_STORE_ANY, NULL, e)) != 0)
		rc = any < 0 ? e->code
		             : wf_err_set(e, WF_EX_DATAERR, "the store at '%s' is "
		                          "not empty: copy into a new one",
		                          wf_store_file(dst));
	for (int i = 0; tables[i] && !rc; i++)
		rc = copy_table(st, dst, tables[i], rows, e);
	if (!rc)
		rc = wf_store_commit(dst, e);
	if (rc)
		wf_store_rollback(dst);
	return rc ? rc : wf_store_settle(dst, e);
}

int wf_store_copy(struct wf_ctx *ctx, const char *to, struct wf_err *e)
{
	struct wf_store *dst;
	cJSON *rec, *d;
	long rows = 0;
	int rc;

	if (!strcmp(to, wf_store_file(ctx->st)))
		return wf_err_set(e, WF_EX_USAGE, "a store is not copied onto "
		                  "itself");
	if ((rc = all_tables_known(ctx->st, e)) ||
	    (rc = wf_schema_open(&dst, to, WF_OPEN_CREATE, e)))
		return rc;
	rc = copy_rows(ctx->st, dst, &rows, e);
	rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "kind", "store_copy");
	cJSON_AddStringToObject(rec, "id", to);
	cJSON_AddStringToObject(rec, "from", wf_store_file(ctx->st));
	cJSON_AddStringToObject(rec, "engine", wf_store_engine(dst));
	cJSON_AddNumberToObject(rec, "rows", (double)rows);
	wf_store_close(dst);
	/* the copy, in the source's trail, after the snapshot it read */
	if (!rc) {
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "to", to);
		cJSON_AddNumberToObject(d, "rows", (double)rows);
		rc = wf_audit_apart(ctx, "copy", "store", wf_store_file(ctx->st), 0,
		                    d, e);
		cJSON_Delete(d);
	}
	if (!rc)
		rc = wf_emit(ctx, rec, e);
	cJSON_Delete(rec);
	return rc;
}
