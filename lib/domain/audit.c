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

/* The cases whose special-category data an invocation read (what of
 * them, ctx->read_what, is one for all), held in the connection's
 * temporary store once they outgrow a batch (a show of one case makes
 * no table: PostgreSQL makes one slowly). Appended as they come, a case
 * as many times as it was shown, and taken once each at the end: an
 * upsert a case costs a server more than the list. */
static const char SQL_READ_LOG_TABLE[] =
	"CREATE TEMP TABLE IF NOT EXISTS read_log (case_id TEXT NOT NULL)";

/* A batch of reads, a JSON list of case ids. */
static const char SQL_READ_LOG_ADD[] =
	"INSERT INTO read_log (case_id) SELECT value FROM json_each(?1)";

static int read_table(struct wf_ctx *ctx, struct wf_err *e)
{
	if (!ctx->read_table && wf_sql_exec(ctx->st, SQL_READ_LOG_TABLE, e))
		return e->code;
	ctx->read_table = 1;
	return 0;
}

int wf_audit_read(struct wf_ctx *ctx, const char *case_id, unsigned what,
                  struct wf_err *e)
{
	if (!what || !case_id || !*case_id)
		return 0;
	/* refused before the record is shown: nothing of these categories
	 * may be shown that the audit trail does not record */
	if (wf_store_readonly(ctx->st))
		return wf_err_set(e, WF_EX_NOPERM, "case '%s' shows special "
		                  "categories of data, whose reading the audit "
		                  "trail records, and the store is read-only to "
		                  "you: ask as a user who may write it", case_id);
	/* the batch about to be written: the table it is written to, made
	 * in the snapshot's transaction as the batch is */
	if (ctx->read_batch.n == WF_BATCH_ROWS - 1 && read_table(ctx, e))
		return e->code;
	ctx->reads = 1;
	ctx->read_what |= what;
	/* a list of a region's cases costs a statement for many of them,
	 * not one each */
	return wf_batch_add(ctx->st, SQL_READ_LOG_ADD, &ctx->read_batch,
	                    cJSON_CreateString(case_id), e);
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
	"SELECT DISTINCT case_id FROM read_log ORDER BY case_id";

/* One case read: an entry about it. */
static int read_one(struct wf_ctx *ctx, const char *case_id,
                    struct wf_err *e)
{
	cJSON *d = read_detail(ctx->read_what);
	int rc = wf_audit_entry(ctx, "read", "case", case_id, NULL, 0, d, e);

	cJSON_Delete(d);
	return rc;
}

/* The case every read still in memory is of (or NULL: several). */
static const char *batch_one_case(const struct wf_batch *b)
{
	const char *one = NULL;

	for (const cJSON *r = b->rows ? b->rows->child : NULL; r; r = r->next) {
		if (!cJSON_IsString(r) || (one && strcmp(one, r->valuestring)))
			return NULL;
		one = r->valuestring;
	}
	return one;
}

/* The cases an entry about many is about, beside it. */
static const char SQL_READ_LOG_CASES[] =
	"INSERT INTO audit_cases (audit_id, case_id)"
	" SELECT ?1, case_id FROM (SELECT DISTINCT case_id FROM read_log"
	"  ORDER BY case_id)";

/* Many cases read (a list): one entry, its detail sealing the list of
 * the cases, which audit_cases keeps beside it. An entry a case would
 * cost a list of a region's cases as much again as reading them. */
static int read_many(struct wf_ctx *ctx, struct wf_err *e)
{
	char sha[WF_SHA_HEX], n_text[24];
	long n;
	cJSON *d;
	struct wf_stmt *s;
	int rc;

	if ((rc = wf_audit_cases_sha(ctx->st, SQL_READ_LOG_LIST, 0, sha, &n,
	                             NULL, e)))
		return rc;
	d = read_detail(ctx->read_what);
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

static const char SQL_READ_LOG_ONE[] =
	"SELECT min(case_id), count(DISTINCT case_id) FROM read_log";
enum {
	ONE_CASE, ONE_CASES
};

static const char SQL_READ_LOG_CLEAR[] =
	"DELETE FROM read_log";

/* The entry of the cases in the table: about one, or about many. */
static int read_logged(struct wf_ctx *ctx, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_READ_LOG_ONE, e);
	int rc, step;

	if (!s)
		return e->code;
	if ((step = wf_step(s)) != WF_ROW) {
		wf_reset(s);
		return wf_sql_err(ctx->st, step, e);
	}
	if (wf_col_int(s, ONE_CASES) == 1)
		rc = read_one(ctx, wf_col_str(s, ONE_CASE), e);
	else
		rc = wf_col_int(s, ONE_CASES) ? read_many(ctx, e) : 0;
	wf_reset(s);
	return rc;
}

/* The reads, written in one transaction of their own: the reading
 * command took a snapshot and wrote nothing. */
int wf_audit_reads_flush(struct wf_ctx *ctx, struct wf_err *e)
{
	const char *c;
	int rc;

	if (!ctx->reads)
		return 0;
	if ((rc = wf_store_begin(ctx->st, e)))
		return rc;
	if (!ctx->read_table && (c = batch_one_case(&ctx->read_batch)))
		rc = read_one(ctx, c, e);
	else if (!(rc = read_table(ctx, e)) &&
	         !(rc = wf_batch_flush(ctx->st, SQL_READ_LOG_ADD,
	                               &ctx->read_batch, e)) &&
	         !(rc = read_logged(ctx, e)))
		rc = wf_sql_exec(ctx->st, SQL_READ_LOG_CLEAR, e);
	wf_batch_drop(&ctx->read_batch);
	if (!rc)
		return wf_store_commit(ctx->st, e);
	wf_store_rollback(ctx->st);
	return rc;
}
