/*
 * dispatch.c - the calls of store.h, whatever the engine: where a store
 * is, which engine opens it, the statement cache (each statement
 * prepared once per invocation and found again by the address of its
 * text), transactions, and every statement call handed to the engine
 * that made the statement. No engine's API is spoken here.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static const struct wf_engine *const engines[] = {
	&wf_pg_engine, &wf_sqlite_engine
};

#define NENGINES (sizeof engines / sizeof engines[0])

/* The engine that claims location; NULL when none but the default does. */
static const struct wf_engine *claimant(const char *location)
{
	for (size_t i = 0; i + 1 < NENGINES; i++)
		if (engines[i]->claims(location))
			return engines[i];
	return NULL;
}

/* The engine of location: its claimant, else the default (the last). */
static const struct wf_engine *engine_of(const char *location)
{
	const struct wf_engine *eng = claimant(location);

	return eng ? eng : engines[NENGINES - 1];
}

int wf_store_path(const char *opt, char *buf, size_t len, struct wf_err *e)
{
	const char *env = getenv("WF_DB"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (opt && *opt)
		snprintf(buf, len, "%s", opt);
	else if (env && *env)
		snprintf(buf, len, "%s", env);
	else if (xdg && *xdg == '/')
		snprintf(buf, len, "%s/workflow/workflow.db", xdg);
	else if (home && *home)
		snprintf(buf, len, "%s/.local/share/workflow/workflow.db", home);
	else
		return wf_err_set(e, WF_EX_CONFIG,
		                  "no store: set WF_DB or HOME, or give --db");
	/* a URI no engine claims would otherwise become a folder named
	 * after it */
	if (strstr(buf, "://") && !claimant(buf))
		return wf_err_set(e, WF_EX_CONFIG, "'%s': no engine for this URI; "
		                  "a store is a file path or a postgresql:// URI",
		                  buf);
	if (strlen(buf) + 1 >= len)
		return wf_err_set(e, WF_EX_CONFIG, "the store's path is too long");
	return 0;
}

int wf_store_open(struct wf_store **stp, const char *path, unsigned flags,
                  struct wf_err *e)
{
	struct wf_store *st;
	int rc;

	*stp = NULL;
	if (!(st = calloc(1, sizeof *st)))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	st->eng = engine_of(path);
	snprintf(st->path, sizeof st->path, "%s", path);
	if ((rc = st->eng->open(st, flags, e))) {
		wf_store_close(st);
		return rc;
	}
	*stp = st;
	return 0;
}

void wf_store_close(struct wf_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->ncache; i++)
		st->eng->finalize(st->cache[i].stmt);
	st->eng->close(st);
	free(st);
}

const char *wf_store_engine(const struct wf_store *st)
{
	return st->eng->name;
}

const char *wf_store_file(const struct wf_store *st)
{
	return st->path;
}

int wf_store_tightened(const struct wf_store *st)
{
	return st->tightened;
}

int wf_store_readonly(const struct wf_store *st)
{
	return st->readonly;
}

int wf_store_unchanged(const struct wf_store *st, struct wf_err *e)
{
	return st->eng->unchanged(st, e);
}

int wf_store_damaged(const struct wf_store *st, const char *why,
                     struct wf_err *e)
{
	return wf_err_set(e, WF_EX_UNAVAILABLE, "the store '%s' is damaged (%s): "
	                  "restore it from a backup ('wf restore')",
	                  st ? st->path : "", why);
}

int wf_store_head(const struct wf_store *st, long long *id, char *hash,
                  size_t len)
{
	if (!st->head_id || !st->eng->in_transaction(st))
		return 0;
	*id = st->head_id;
	snprintf(hash, len, "%s", st->head_hash);
	return 1;
}

void wf_store_head_set(struct wf_store *st, long long id, const char *hash)
{
	st->head_id = id;
	snprintf(st->head_hash, sizeof st->head_hash, "%s", hash);
}

/* ---- statements -------------------------------------------------------- */

struct wf_stmt *wf_sql(struct wf_store *st, const char *sql,
                       struct wf_err *e)
{
	struct wf_stmt *s;

	for (int i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			s = st->cache[i].stmt;
			st->eng->clear(s);
			return s;
		}
	}
	if (!(s = st->eng->prepare(st, sql, e)))
		return NULL;
	if (st->ncache == WF_CACHE_MAX) {
		/* Never reached with the suite's statements; keep it safe. */
		st->eng->finalize(s);
		wf_err_set(e, WF_EX_SOFTWARE, "statement cache full");
		return NULL;
	}
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache++].stmt = s;
	return s;
}

struct wf_stmt *wf_sql_prepare(struct wf_store *st, const char *sql,
                               struct wf_err *e)
{
	return st->eng->prepare(st, sql, e);
}

void wf_sql_finalize(struct wf_stmt *s)
{
	if (s)
		s->eng->finalize(s);
}

int wf_sql_done(struct wf_store *st, struct wf_stmt *s, struct wf_err *e)
{
	int rc = wf_step(s);

	wf_reset(s);
	return rc == WF_DONE || rc == WF_ROW ? 0 : wf_sql_err(st, rc, e);
}

int wf_sql_err(struct wf_store *st, int rc, struct wf_err *e)
{
	return st->eng->err(st, rc, e);
}

const char *wf_store_errmsg(struct wf_store *st)
{
	return st->eng->errmsg(st);
}

int wf_sql_constraint(struct wf_store *st, int rc)
{
	return st->eng->constraint(rc);
}

int wf_sql_exec(struct wf_store *st, const char *sql, struct wf_err *e)
{
	return st->eng->exec(st, sql, e);
}

int wf_sql_exec_with(struct wf_store *st, const char *sql, long long p1,
                     struct wf_err *e)
{
	return st->eng->exec_with(st, sql, p1, e);
}

long long wf_sql_last_id(struct wf_store *st)
{
	return st->eng->last_id(st);
}

int wf_step(struct wf_stmt *s)
{
	return s->eng->step(s);
}

void wf_reset(struct wf_stmt *s)
{
	s->eng->reset(s);
}

void wf_bind_int64(struct wf_stmt *s, int i, long long v)
{
	s->eng->bind_int64(s, i, v);
}

void wf_bind_int(struct wf_stmt *s, int i, int v)
{
	s->eng->bind_int(s, i, v);
}

void wf_bind_double(struct wf_stmt *s, int i, double v)
{
	s->eng->bind_double(s, i, v);
}

void wf_bind_text(struct wf_stmt *s, int i, const char *v)
{
	s->eng->bind_text(s, i, v);
}

void wf_bind_null(struct wf_stmt *s, int i)
{
	s->eng->bind_null(s, i);
}

int wf_bind_count(struct wf_stmt *s)
{
	return s->eng->bind_count(s);
}

void wf_sql_many(struct wf_stmt *s)
{
	s->eng->many(s);
}

const char *wf_col_str(struct wf_stmt *s, int i)
{
	return s->eng->col_str(s, i);
}

long long wf_col_int64(struct wf_stmt *s, int i)
{
	return s->eng->col_int64(s, i);
}

int wf_col_int(struct wf_stmt *s, int i)
{
	return s->eng->col_int(s, i);
}

double wf_col_double(struct wf_stmt *s, int i)
{
	return s->eng->col_double(s, i);
}

int wf_col_null(struct wf_stmt *s, int i)
{
	return s->eng->col_type(s, i) == WF_COL_NULL;
}

enum wf_coltype wf_col_type(struct wf_stmt *s, int i)
{
	return s->eng->col_type(s, i);
}

int wf_col_bytes(struct wf_stmt *s, int i)
{
	return s->eng->col_bytes(s, i);
}

int wf_col_count(struct wf_stmt *s)
{
	return s->eng->col_count(s);
}

const char *wf_col_name(struct wf_stmt *s, int i)
{
	return s->eng->col_name(s, i);
}

/* ---- transactions ------------------------------------------------------- */

int wf_store_begin(struct wf_store *st, struct wf_err *e)
{
	st->head_id = 0;
	return st->eng->begin(st, 1, e);
}

int wf_store_snapshot(struct wf_store *st, struct wf_err *e)
{
	return st->eng->begin(st, 0, e);
}

int wf_store_commit(struct wf_store *st, struct wf_err *e)
{
	st->head_id = 0;
	return wf_sql_exec(st, "COMMIT", e);
}

int wf_store_end_read(struct wf_store *st, struct wf_err *e)
{
	return st->eng->in_transaction(st) ? wf_store_commit(st, e) : 0;
}

void wf_store_rollback(struct wf_store *st)
{
	struct wf_err ignored = { 0 };

	st->head_id = 0;
	if (st->eng->in_transaction(st))
		wf_sql_exec(st, "ROLLBACK", &ignored);
}

int wf_store_savepoint(struct wf_store *st, struct wf_err *e)
{
	return wf_sql_exec(st, "SAVEPOINT record", e);
}

int wf_store_release(struct wf_store *st, struct wf_err *e)
{
	return wf_sql_exec(st, "RELEASE record", e);
}

void wf_store_rollback_to(struct wf_store *st)
{
	struct wf_err ignored = { 0 };

	st->head_id = 0;
	wf_sql_exec(st, "ROLLBACK TO record; RELEASE record", &ignored);
}

int wf_store_version(struct wf_store *st)
{
	return st->eng->version(st);
}

/* ---- the store as a whole ----------------------------------------------- */

int wf_store_copy_out(struct wf_store *st, const char *path, struct wf_err *e)
{
	return st->eng->copy_out(st, path, e);
}

int wf_store_copy_in(struct wf_store *st, const char *path, struct wf_err *e)
{
	return st->eng->copy_in(st, path, e);
}

int wf_store_file_info(const char *path, struct wf_store_file *f,
                       struct wf_err *e)
{
	return engine_of(path)->file_info(path, f, e);
}

int wf_store_file_whole(const char *path, struct wf_err *e)
{
	return engine_of(path)->file_whole(path, e);
}

int wf_store_whole(struct wf_store *st, long *pages, struct wf_err *e)
{
	return st->eng->whole(st, pages, e);
}

int wf_store_settle(struct wf_store *st, struct wf_err *e)
{
	return st->eng->settle(st, e);
}

int wf_store_scope(struct wf_store *st, const char *sql, struct wf_err *e)
{
	return st->eng->scope(st, sql, e);
}

int wf_store_scoped(struct wf_store *st)
{
	return st->eng->scoped(st);
}

int wf_store_role(struct wf_store *st, const char *role, int on,
                  struct wf_err *e)
{
	return st->eng->role(st, role, on, e);
}
