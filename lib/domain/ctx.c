/*
 * ctx.c - the context a call of the library works in (struct wf_ctx):
 * who makes it, which store it reads and writes, where its records go
 * and how; the record sink every step and report writes to (wf_emit),
 * with the codes of organisations and programmes named for people; and
 * the 'show' of ids. It knows no command line: cli/run.c fills a context
 * from one.
 */
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

static void set_operator(struct wf_ctx *ctx)
{
	const char *env = getenv("WF_OPERATOR");
	struct passwd *pw;

	if (env && *env) {
		snprintf(ctx->operator_, sizeof ctx->operator_, "%s", env);
		return;
	}
	if ((pw = getpwuid(geteuid())) && pw->pw_name) {
		snprintf(ctx->operator_, sizeof ctx->operator_, "%s", pw->pw_name);
		return;
	}
	env = getenv("LOGNAME");
	snprintf(ctx->operator_, sizeof ctx->operator_, "%s",
	         env && *env ? env : "unknown");
}

/* Who ran the process, by its real user id: what the system proves,
 * beside the operator's name, which is declared. */
static void set_login(struct wf_ctx *ctx)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name)
		snprintf(ctx->login, sizeof ctx->login, "%s", pw->pw_name);
	else
		snprintf(ctx->login, sizeof ctx->login, "uid %ld", (long)getuid());
}

static void print_diag(struct wf_ctx *ctx, const struct wf_err *e, int warning)
{
	wf_err_print(ctx->err ? ctx->err : stderr, ctx->prog, e, warning);
}

void wf_ctx_begin(struct wf_ctx *ctx, const char *prog, const char *command)
{
	memset(ctx, 0, sizeof *ctx);
	snprintf(ctx->progbuf, sizeof ctx->progbuf, "%s", prog);
	ctx->prog = ctx->progbuf;
	ctx->diag = print_diag;
	snprintf(ctx->command, sizeof ctx->command, "%s", command);
	set_operator(ctx);
	set_login(ctx);
	ctx->fmt = WF_FMT_YAML;
}

int wf_ctx_store(struct wf_ctx *ctx, const char *db, unsigned flags,
                 struct wf_err *e)
{
	char path[4096];
	int rc;

	if ((rc = wf_store_path(db, path, sizeof path, e)) ||
	    (rc = wf_schema_open(&ctx->st, path, flags, e)))
		return rc;
	if (wf_store_tightened(ctx->st))
		wf_warn(ctx, "the store '%s' was open to other users: made 0600",
		        path);
	return 0;
}

int wf_ctx_open(struct wf_ctx *ctx, const char *prog, const char *db,
                unsigned flags, struct wf_err *e)
{
	wf_ctx_begin(ctx, prog, prog);
	return wf_ctx_store(ctx, db, flags, e);
}

int wf_ctx_output(struct wf_ctx *ctx, FILE *f, const char *deflt,
                  struct wf_err *e)
{
	int rc;

	if (ctx->quiet)
		return 0;
	rc = wf_out_open(&ctx->out, f, ctx->fmt, ctx->fields, deflt, e);
	/* a command's output (a page) is titled by the command */
	if (!rc && ctx->cli)
		wf_out_title(ctx->out, ctx->command);
	return rc;
}

int wf_ctx_finish(struct wf_ctx *ctx, struct wf_err *e)
{
	int rc = wf_out_close(ctx->out, e);

	ctx->out = NULL;
	wf_batch_drop(&ctx->read_batch);
	wf_store_close(ctx->st);
	ctx->st = NULL;
	return rc;
}

void wf_warn(struct wf_ctx *ctx, const char *fmt, ...)
{
	struct wf_err w;
	va_list ap;

	if (ctx->quiet || !ctx->diag)
		return;
	wf_err_clear(&w);
	va_start(ap, fmt);
	vsnprintf(w.msg, sizeof w.msg, _(fmt), ap);
	va_end(ap);
	ctx->diag(ctx, &w, 1);
}

/* The keys whose values name an organisation or a programme by code. */
static const char *const named_keys[][2] = {
	{ "referrer", WF_SQL_ORG_NAME }, { "host", WF_SQL_ORG_NAME },
	{ "provider", WF_SQL_ORG_NAME }, { "to", WF_SQL_ORG_NAME },
	{ "organisation", WF_SQL_ORG_NAME }, { "programme", WF_SQL_PROG_NAME },
	{ NULL, NULL }
};

/* In rec (a copy), each code under those keys replaced by the name it
 * has in the store; a code the store does not know is left. */
static int name_codes(struct wf_store *st, cJSON *rec, struct wf_err *e)
{
	char name[256];
	cJSON *c;
	int rc = 0;

	cJSON_ArrayForEach(c, rec) {
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			rc = name_codes(st, c, e);
		for (int i = 0; !rc && c->string && cJSON_IsString(c) &&
		     named_keys[i][0]; i++)
			if (!strcmp(c->string, named_keys[i][0]) &&
			    !(rc = wf_sql_text(st, named_keys[i][1], c->valuestring,
			                       NULL, name, sizeof name, e)) && *name)
				cJSON_SetValuestring(c, name);
		if (rc)
			break;
	}
	return rc;
}

int wf_emit(struct wf_ctx *ctx, const cJSON *rec, struct wf_err *e)
{
	cJSON *named;
	int rc;

	if (!ctx->out)
		return 0;
	if (ctx->log_reads && (rc = wf_audit_shown(ctx, rec, e)))
		return rc;
	/* the human forms name what the records give by code */
	if (ctx->st && (ctx->fmt == WF_FMT_TABLE || ctx->fmt == WF_FMT_MD ||
	                ctx->fmt == WF_FMT_HTML)) {
		if (!(named = cJSON_Duplicate(rec, 1)))
			return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		if (!(rc = name_codes(ctx->st, named, e)))
			rc = wf_out_record(ctx->out, named, e);
		cJSON_Delete(named);
		return rc;
	}
	return wf_out_record(ctx->out, rec, e);
}

/* One operand: an item by its id, or every item of a case. */
static int show_one(struct wf_ctx *ctx, const char *a, wf_get_fn get,
                    const struct wf_case_items *items, struct wf_err *e)
{
	struct wf_stmt *s;
	cJSON *r;
	int rc;

	if (!items || items->is_item(a)) {
		if (!(r = get(ctx->st, a, e)))
			return e->code;
		rc = wf_emit(ctx, r, e);
		cJSON_Delete(r);
		return rc;
	}
	if (!(s = wf_sql(ctx->st, items->sql, e)))
		return e->code;
	wf_bind_text(s, 1, a);
	if ((rc = wf_emit_rows(ctx, s, get, NULL, e)) == WF_EX_NOMATCH)
		wf_err_set(e, WF_EX_NOMATCH, "case '%s' has no %s", a, _(items->what));
	return rc;
}

int wf_show_items(struct wf_ctx *ctx, const struct wf_ids *ids, wf_get_fn get,
                  const struct wf_case_items *items, struct wf_err *e)
{
	int rc = 0, missing = 0;

	for (int i = 0; i < ids->n && !rc; i++) {
		rc = show_one(ctx, ids->v[i], get, items, e);
		if (rc == WF_EX_NOMATCH) {
			/* Show the others; say which were not found. */
			ctx->diag(ctx, e, 0);
			missing = 1;
			rc = 0;
		}
	}
	if (!rc && missing) {
		wf_err_clear(e);
		rc = WF_EX_NOMATCH;
	}
	return rc;
}

int wf_show_each(struct wf_ctx *ctx, const struct wf_ids *ids, wf_get_fn get,
                 struct wf_err *e)
{
	return wf_show_items(ctx, ids, get, NULL, e);
}

/* The organisations the connected role acts for: on a shared store the
 * policies show a role its own grants only. */
static const char SQL_ACTS_FOR[] =
	"SELECT o.code FROM org_grant g"
	" JOIN organisation o ON o.id = g.organisation_id ORDER BY o.code";

int wf_store_info(struct wf_ctx *ctx, int counts, struct wf_err *e)
{
	cJSON *rec = cJSON_CreateObject();
	int rc = 0;

	cJSON_AddStringToObject(rec, "kind", "store");
	cJSON_AddStringToObject(rec, "id", wf_store_file(ctx->st));
	if (counts)
		cJSON_AddStringToObject(rec, "engine", wf_store_engine(ctx->st));
	cJSON_AddNumberToObject(rec, "schema_version", wf_store_version(ctx->st));
	if (counts && wf_store_scoped(ctx->st))
		rc = wf_sql_each(ctx->st, SQL_ACTS_FOR, NULL, 0, wf_col_push,
		                 cJSON_AddArrayToObject(rec, "acts_for"), e);
	if (counts && !rc)
		rc = wf_store_counts(ctx->st, cJSON_AddObjectToObject(rec, "records"),
		                     e);
	if (!rc)
		rc = wf_emit(ctx, rec, e);
	cJSON_Delete(rec);
	return rc;
}

/* Emit a record for each row of s, made by get or make. */
static int emit_each(struct wf_ctx *ctx, struct wf_stmt *s,
                     cJSON *(*get)(struct wf_store *, const char *,
                                   struct wf_err *),
                     cJSON *(*make)(struct wf_stmt *), const char *none,
                     struct wf_err *e)
{
	long n = 0;
	int rc = 0, step = WF_DONE;

	wf_sql_many(s);
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r = get ? get(ctx->st, wf_col_str(s, 0), e) : make(s);

		rc = r ? wf_emit(ctx, r, e) : e->code;
		cJSON_Delete(r);
		n++;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "%s", none ? _(none) : "");
	return rc;
}

int wf_emit_rows(struct wf_ctx *ctx, struct wf_stmt *s,
                 cJSON *(*get)(struct wf_store *, const char *,
                               struct wf_err *),
                 const char *none, struct wf_err *e)
{
	return emit_each(ctx, s, get, NULL, none, e);
}

int wf_emit_made(struct wf_ctx *ctx, struct wf_stmt *s,
                 cJSON *(*make)(struct wf_stmt *), const char *none,
                 struct wf_err *e)
{
	return emit_each(ctx, s, NULL, make, none, e);
}
