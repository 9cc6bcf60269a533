/*
 * audit.c - the audit trail: every write records who (the operator as
 * declared, and the login of the process, which is not declared), when
 * (UTC), which command, what action on which entity of which case and
 * person, and what was written, with personal and health data withheld
 * (auditchain.c); each entry sealed to the one before it. Reads of
 * special-category data are gathered while a command reads, a case at
 * a time, and recorded once it is done.
 */
#include <string.h>

#include "auditchain.h"

/* Through the view, which reads the whole trail even for a role whose
 * policies show it part (scope.c). */
static const char SQL_AUDIT_HEAD[] =
	"SELECT id, hash FROM audit_head";
enum {
	HEAD_ID, HEAD_HASH
};

/* The entry after the last one: its id and the hash it chains to. */
static int head(struct wf_store *st, long long *id,
                char prev[WF_SHA_HEX], struct wf_err *e)
{
	struct wf_stmt *s;
	int step;

	if (wf_store_head(st, id, prev, WF_SHA_HEX)) {
		++*id;
		return 0;
	}
	if (!(s = wf_sql(st, SQL_AUDIT_HEAD, e)))
		return e->code;
	*id = 1;
	snprintf(prev, WF_SHA_HEX, "%s", WF_SQL_GENESIS);
	if ((step = wf_step(s)) == WF_ROW) {
		*id = wf_col_int64(s, HEAD_ID) + 1;
		wf_col_text(s, HEAD_HASH, prev, WF_SHA_HEX);
	}
	wf_reset(s);
	return step == WF_ROW || step == WF_DONE ? 0
	                                                 : wf_sql_err(st, step, e);
}

static const char SQL_AUDIT_ADD[] =
	"INSERT INTO audit (id, at, operator, login, command, action, entity,"
	" entity_id, case_id, person_id, detail, detail_sha, prev, hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

static int append(struct wf_ctx *ctx, struct wf_audit_entry *a,
                  const char *detail, struct wf_err *e)
{
	char now[32], dsha[WF_SHA_HEX], prev[WF_SHA_HEX], hash[WF_SHA_HEX];
	struct wf_stmt *s;
	int rc;

	if ((rc = head(ctx->st, &a->id, prev, e)) ||
	    !(s = wf_sql(ctx->st, SQL_AUDIT_ADD, e)))
		return rc ? rc : e->code;
	wf_timestamp(now, sizeof now);
	wf_sha256_hex(detail ? detail : "", detail ? strlen(detail) : 0, dsha);
	a->at = now, a->operator_ = ctx->operator_, a->login = ctx->login;
	a->command = ctx->command, a->detail_sha = dsha, a->prev = prev;
	wf_audit_hash(a, hash);
	wf_bind_int64(s, 1, a->id);
	wf_bind_text(s, 2, a->at);
	wf_bind_text(s, 3, a->operator_);
	wf_bind_text(s, 4, a->login);
	wf_bind_text(s, 5, a->command);
	wf_bind_text(s, 6, a->action);
	wf_bind_text(s, 7, a->entity);
	wf_bind_text(s, 8, a->entity_id);
	wf_bind_text(s, 9, a->case_id && *a->case_id ? a->case_id : NULL);
	if (a->person_id)
		wf_bind_int64(s, 10, a->person_id);
	wf_bind_text(s, 11, detail);
	wf_bind_text(s, 12, dsha);
	wf_bind_text(s, 13, prev);
	wf_bind_text(s, 14, hash);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	wf_store_head_set(ctx->st, a->id, hash);
	return 0;
}

int wf_audit_entry(struct wf_ctx *ctx, const char *action, const char *entity,
                   const char *id, const char *of_case, long long person,
                   const cJSON *detail, struct wf_err *e)
{
	struct wf_audit_entry a = { 0 };
	char case_id[32], *text = detail ? cJSON_PrintUnformatted(detail) : NULL;
	int rc;

	if (of_case)
		snprintf(case_id, sizeof case_id, "%s", of_case);
	else
		wf_audit_case_of(entity, id, case_id, sizeof case_id);
	a.action = action, a.entity = entity, a.entity_id = id;
	a.case_id = case_id;
	a.person_id = person;
	if (!person && *case_id &&
	    (a.person_id = wf_sql_id(ctx->st, WF_SQL_AUDIT_PERSON_OF, case_id,
	                             e)) < 0)
		rc = e->code;
	else
		rc = append(ctx, &a, text, e);
	cJSON_free(text);
	return rc;
}

int wf_audit(struct wf_ctx *ctx, const char *action, const char *entity,
             const char *id, const cJSON *detail, struct wf_err *e)
{
	cJSON *kept = wf_audit_minimise(detail);
	int rc = wf_audit_entry(ctx, action, entity, id, NULL, 0, kept, e);

	cJSON_Delete(kept);
	return rc;
}

int wf_audit_apart(struct wf_ctx *ctx, const char *action, const char *entity,
                   const char *id, long long person, const cJSON *detail,
                   struct wf_err *e)
{
	int rc;

	if (!(rc = wf_store_end_read(ctx->st, e)) &&
	    !(rc = wf_store_begin(ctx->st, e)) &&
	    !(rc = wf_audit_entry(ctx, action, entity, id, NULL, person, detail,
	                          e)))
		rc = wf_store_commit(ctx->st, e);
	if (rc)
		wf_store_rollback(ctx->st);
	return rc;
}

/* ---- reads of special-category data ----------------------------------- */

static const char *const read_names[] = {
	"certifications", "disability", "fragility", "notes", "final_report",
	"origin", NULL
};

/* What of the special categories a record shows, by its fields. */
static unsigned shows(const cJSON *v, int depth)
{
	unsigned what = 0;

	if (depth > 16)
		return 0;
	for (const cJSON *c = v ? v->child : NULL; c; c = c->next) {
		if (c->string && !cJSON_IsNull(c) &&
		    !(cJSON_IsArray(c) && !c->child) &&
		    !(cJSON_IsString(c) && (!*c->valuestring ||
		      !strcmp(c->valuestring, WF_AUDIT_WITHHELD)))) {
			if (!strcmp(c->string, "certifications") ||
			    !strcmp(c->string, "invalidity_percent"))
				what |= WF_READ_CERTIFICATIONS;
			else if (!strcmp(c->string, "disability"))
				what |= WF_READ_DISABILITY;
			else if (!strcmp(c->string, "fragility") ||
			         !strcmp(c->string, "profile"))
				what |= WF_READ_FRAGILITY;
			else if (!strcmp(c->string, "notes"))
				what |= WF_READ_NOTES;
			else if (!strcmp(c->string, "minority") ||
			         !strcmp(c->string, "foreign_background"))
				what |= WF_READ_ORIGIN;
		}
		what |= shows(c, depth + 1);
	}
	return what;
}

/* The reads of special-category data an invocation made, a case each,
 * held in the connection's temporary store until they are written. */
static const char SQL_READ_LOG_TABLE[] =
	"CREATE TEMP TABLE IF NOT EXISTS read_log (case_id TEXT PRIMARY KEY,"
	" what INTEGER NOT NULL) WITHOUT ROWID";

/* A batch of reads, a JSON list of {c: case, w: what}, the same case's
 * taken together (a bitwise OR of six bits, as max of each). */
static const char SQL_READ_LOG_ADD[] =
	"INSERT INTO read_log (case_id, what)"
	" SELECT c, max(w & 1) | max(w & 2) | max(w & 4) | max(w & 8)"
	"  | max(w & 16) | max(w & 32)"
	" FROM (SELECT json_extract(value, '$.c') AS c,"
	"  CAST(json_extract(value, '$.w') AS INTEGER) AS w FROM json_each(?1))"
	" WHERE 1 = 1 GROUP BY c"
	" ON CONFLICT (case_id) DO UPDATE SET what = read_log.what | excluded.what";

int wf_audit_read(struct wf_ctx *ctx, const char *case_id, unsigned what,
                  struct wf_err *e)
{
	cJSON *r;

	if (!what || !case_id || !*case_id)
		return 0;
	/* refused before the record is shown: nothing of these categories
	 * may be shown that the audit trail does not record */
	if (wf_store_readonly(ctx->st))
		return wf_err_set(e, WF_EX_NOPERM, "case '%s' shows special "
		                  "categories of data, whose reading the audit "
		                  "trail records, and the store is read-only to "
		                  "you: ask as a user who may write it", case_id);
	if (!ctx->reads &&
	    wf_sql_exec(ctx->st, SQL_READ_LOG_TABLE, e))
		return e->code;
	ctx->reads = 1;
	/* a list of a region's cases costs a statement for many of them,
	 * not one each */
	if ((r = cJSON_CreateObject())) {
		cJSON_AddStringToObject(r, "c", case_id);
		cJSON_AddNumberToObject(r, "w", what);
	}
	return wf_batch_add(ctx->st, SQL_READ_LOG_ADD, &ctx->read_batch, r, e);
}

int wf_audit_shown(struct wf_ctx *ctx, const cJSON *rec, struct wf_err *e)
{
	const char *kind = wf_json_str(rec, "kind");
	const char *c = wf_json_str(rec, "case");

	unsigned what = shows(rec, 0);

	if (!c && kind && !strcmp(kind, "case"))
		c = wf_json_str(rec, "id");
	if (kind && !strcmp(kind, "case_report"))
		what |= WF_READ_REPORT;
	return c ? wf_audit_read(ctx, c, what, e) : 0;
}

static cJSON *read_detail(unsigned what)
{
	cJSON *d = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(d, "read");

	for (int i = 0; read_names[i]; i++)
		if (what & (1u << i))
			cJSON_AddItemToArray(list, cJSON_CreateString(read_names[i]));
	return d;
}

static const char SQL_READ_LOG_LIST[] =
	"SELECT case_id, what FROM read_log ORDER BY case_id";
enum {
	READ_CASE, READ_WHAT
};

/* One case read: an entry about it. */
static int read_one(struct wf_ctx *ctx, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_READ_LOG_LIST, e);
	int rc, step;
	cJSON *d;

	if (!s)
		return e->code;
	if ((step = wf_step(s)) != WF_ROW) {
		wf_reset(s);
		return wf_sql_err(ctx->st, step, e);
	}
	d = read_detail((unsigned)wf_col_int(s, READ_WHAT));
	rc = wf_audit_entry(ctx, "read", "case",
	                    wf_col_str(s, READ_CASE),
		NULL, 0, d, e);
	cJSON_Delete(d);
	wf_reset(s);
	return rc;
}

/* The cases an entry about many is about, beside it. */
static const char SQL_READ_LOG_CASES[] =
	"INSERT INTO audit_cases (audit_id, case_id)"
	" SELECT ?1, case_id FROM read_log";

/* Many cases read (a list): one entry, its detail sealing the list of
 * the cases, which audit_cases keeps beside it. An entry a case would
 * cost a list of a region's cases as much again as reading them. */
static int read_many(struct wf_ctx *ctx, struct wf_err *e)
{
	char sha[WF_SHA_HEX], n_text[24];
	unsigned what = 0;
	long n;
	cJSON *d;
	struct wf_stmt *s;
	int rc;

	if ((rc = wf_audit_cases_sha(ctx->st, SQL_READ_LOG_LIST, 0, sha, &n,
	                             &what, e)))
		return rc;
	d = read_detail(what);
	cJSON_AddNumberToObject(d, "cases", (double)n);
	cJSON_AddStringToObject(d, "cases_sha", sha);
	snprintf(n_text, sizeof n_text, "%ld", n);
	rc = wf_audit_entry(ctx, "read", "cases", n_text, NULL, 0, d, e);
	cJSON_Delete(d);
	if (rc || !(s = wf_sql(ctx->st, SQL_READ_LOG_CASES, e)))
		return rc ? rc : e->code;
	wf_bind_int64(s, 1, wf_sql_last_id(ctx->st));
	return wf_sql_done(ctx->st, s, e);
}

static const char SQL_READ_LOG_COUNT[] =
	"SELECT count(*), min(case_id) FROM read_log";

static const char SQL_READ_LOG_CLEAR[] =
	"DELETE FROM read_log";

/* The reads, written in one transaction of their own: the reading
 * command took a snapshot and wrote nothing. */
int wf_audit_reads_flush(struct wf_ctx *ctx, struct wf_err *e)
{
	long long n;
	int rc;

	if (!ctx->reads)
		return 0;
	if ((rc = wf_store_begin(ctx->st, e)))
		return rc;
	if (!(rc = wf_batch_flush(ctx->st, SQL_READ_LOG_ADD, &ctx->read_batch,
	                          e))) {
		if ((n = wf_sql_id(ctx->st, SQL_READ_LOG_COUNT, NULL, e)) < 0)
			rc = e->code;
		else if (n == 1)
			rc = read_one(ctx, e);
		else if (n > 1)
			rc = read_many(ctx, e);
	}
	if (!rc)
		rc = wf_sql_exec(ctx->st, SQL_READ_LOG_CLEAR, e);
	if (!rc)
		return wf_store_commit(ctx->st, e);
	wf_store_rollback(ctx->st);
	return rc;
}
