/*
 * store.c - the SQLite store: where it lives, opening it safely, the
 * pragmas every connection needs, transactions, and the statement cache.
 * All SQL of the suite is prepared through this file's wf_sql(); the
 * schema and its migrations are in schema.c. The modules still step the
 * statements and read their columns with SQLite's own calls, so another
 * engine cannot stand behind it yet (issue 17).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

#define CACHE_MAX 128

struct wf_store {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[CACHE_MAX];
	int ncache;
	char path[4096];
	/* the audit trail's last entry, as this transaction appended it:
	 * known only while the transaction that wrote it is open */
	sqlite3_int64 head_id;
	char head_hash[65];
	int tightened;    /* the file was open to others: made 0600 */
	int readonly;     /* opened read-only: the user may not write it */
	/* opened without locks (immutable), as a read-only user cannot make
	 * the WAL index: the file as it was, to see that nobody wrote */
	int unlocked;
	struct stat seen;
};

int wf_store_tightened(const struct wf_store *st)
{
	return st->tightened;
}

int wf_store_readonly(const struct wf_store *st)
{
	return st->readonly;
}

/* Whether the store's write-ahead log exists: someone is writing it. */
static int being_written(const struct wf_store *st)
{
	char wal[sizeof st->path + 8];

	snprintf(wal, sizeof wal, "%s-wal", st->path);
	return access(wal, F_OK) == 0;
}

int wf_store_unchanged(const struct wf_store *st, struct wf_err *e)
{
	struct stat now;

	if (!st->unlocked)
		return 0;
	if (stat(st->path, &now) == 0 && !being_written(st) &&
	    now.st_size == st->seen.st_size &&
	    now.st_mtim.tv_sec == st->seen.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == st->seen.st_mtim.tv_nsec)
		return 0;
	return wf_err_set(e, WF_EX_TEMPFAIL, "the store changed while it was "
	                  "read (read-only, it is read without locks): run the "
	                  "command again");
}

/* A read-only user of a store in WAL mode cannot create its index (the
 * -shm file) in a folder they may not write, so SQLite cannot lock it.
 * When no one is writing (no -wal file), read it as an immutable file
 * and check afterwards that it did not change (wf_store_unchanged). */
static int open_unlocked(struct wf_store *st, struct wf_err *e)
{
	char uri[3 * sizeof st->path + 32], *u = uri;
	int rc;

	if (being_written(st) || stat(st->path, &st->seen) < 0)
		return wf_err_set(e, WF_EX_NOPERM, "the store '%s' is being written "
		                  "and is read-only to you: it can be read only "
		                  "when no one writes it", st->path);
	u += sprintf(u, "file:");
	for (const unsigned char *p = (const unsigned char *)st->path; *p; p++)
		u += strchr("?#%", *p) || *p < 0x21 || *p > 0x7e
		     ? sprintf(u, "%%%02X", *p) : sprintf(u, "%c", *p);
	strcpy(u, "?immutable=1");
	sqlite3_close(st->db);
	st->db = NULL;
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	                     SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK)
		return wf_sql_err(st, rc, e);
	st->unlocked = 1;
	return 0;
}

int wf_store_head(const struct wf_store *st, sqlite3_int64 *id, char *hash,
                  size_t len)
{
	if (!st->head_id || sqlite3_get_autocommit(st->db))
		return 0;
	*id = st->head_id;
	snprintf(hash, len, "%s", st->head_hash);
	return 1;
}

void wf_store_head_set(struct wf_store *st, sqlite3_int64 id, const char *hash)
{
	st->head_id = id;
	snprintf(st->head_hash, sizeof st->head_hash, "%s", hash);
}

const char *wf_store_file(const struct wf_store *st)
{
	return st->path;
}

sqlite3 *wf_store_db(struct wf_store *st)
{
	return st->db;
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
	/* a URI names an engine, which this build does not have: it would
	 * otherwise become a folder named after it */
	if (strstr(buf, "://"))
		return wf_err_set(e, WF_EX_CONFIG, "'%s': no engine for this URI "
		                  "in this build; a store is a file path", buf);
	if (strlen(buf) + 1 >= len)
		return wf_err_set(e, WF_EX_CONFIG, "the store's path is too long");
	return 0;
}

/* Create the folders leading to path, 0700 each (mkdir -p). */
static int make_parents(const char *path, struct wf_err *e)
{
	char dir[4096];

	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return wf_err_set(e, errno == EACCES ? WF_EX_NOPERM
			                                     : WF_EX_CANTCREAT,
			                  "cannot create folder '%s': %s", dir,
			                  strerror(errno));
		*p = '/';
	}
	return 0;
}

/* Make sure the file exists; a new one is created 0600 so that personal
 * data is never readable by others, whatever the umask. *tightened says
 * whether an existing one had to be closed to others. */
static int ensure_file(const char *path, unsigned flags, int *tightened,
                       struct wf_err *e)
{
	struct stat sb;
	int found = stat(path, &sb) == 0, fd;

	/* a folder on the way that is a file is for make_parents to name */
	if (!found && errno != ENOENT && errno != ENOTDIR)
		return wf_err_set(e, errno == EACCES ? WF_EX_NOPERM
		                                     : WF_EX_UNAVAILABLE,
		                  "cannot reach the store '%s': %s", path,
		                  strerror(errno));
	if (found) {
		/* a store others may read holds personal data open to them:
		 * its owner's commands close it (the caller is told) */
		*tightened = (sb.st_mode & 077) && sb.st_uid == geteuid() &&
		             chmod(path, sb.st_mode & 0700) == 0;
		return 0;
	}
	if (!(flags & WF_OPEN_CREATE))
		return wf_err_set(e, WF_EX_UNAVAILABLE,
		                  "no store at '%s' (create it with 'wf init')", path);
	if (make_parents(path, e))
		return e->code;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && errno != EEXIST)
		return wf_err_set(e, errno == EACCES ? WF_EX_NOPERM : WF_EX_CANTCREAT,
		                  "cannot create store '%s': %s", path,
		                  strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

int wf_store_damaged(const struct wf_store *st, const char *why,
                     struct wf_err *e)
{
	return wf_err_set(e, WF_EX_UNAVAILABLE, "the store '%s' is damaged (%s): "
	                  "restore it from a backup ('wf restore')",
	                  st ? st->path : "", why);
}

int wf_sql_err(struct wf_store *st, int rc, struct wf_err *e)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return wf_err_set(e, WF_EX_TEMPFAIL,
		                  "the store is busy (another command holds it): %s",
		                  msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return wf_err_set(e, WF_EX_NOPERM, "the store cannot be written: %s",
		                  msg);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return wf_err_set(e, WF_EX_IOERR, "store i/o error: %s", msg);
	case SQLITE_CANTOPEN:
		return wf_err_set(e, WF_EX_UNAVAILABLE, "cannot open the store: %s",
		                  msg);
	case SQLITE_NOTADB:
		return wf_err_set(e, WF_EX_UNAVAILABLE,
		                  "'%s' is not a workflow store: %s",
		                  st ? st->path : "", msg);
	case SQLITE_CORRUPT:
		return wf_store_damaged(st, msg, e);
	}
	return wf_err_set(e, WF_EX_SOFTWARE, "store error: %s", msg);
}

int wf_sql_exec(struct wf_store *st, const char *sql, struct wf_err *e)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : wf_sql_err(st, rc, e);
}

int wf_sql_exec_with(struct wf_store *st, const char *sql, sqlite3_int64 p1,
                     struct wf_err *e)
{
	const char *tail = sql;
	sqlite3_stmt *s;
	int rc;

	while (tail && *tail) {
		if ((rc = sqlite3_prepare_v2(st->db, tail, -1, &s, &tail)))
			return wf_sql_err(st, rc, e);
		if (!s)           /* only blanks were left */
			break;
		if (sqlite3_bind_parameter_count(s) >= 1)
			sqlite3_bind_int64(s, 1, p1);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return wf_sql_err(st, rc, e);
	}
	return 0;
}

static int pragmas(struct wf_store *st, struct wf_err *e)
{
	const char *env = getenv("WF_BUSY_TIMEOUT");
	int ms = env && *env ? atoi(env) : 5000;
	int rc;

	sqlite3_busy_timeout(st->db, ms);
	/* Check the file is a database before touching it further. */
	rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL,
	                  NULL, NULL);
	if (st->readonly && (rc & 0xff) == SQLITE_READONLY) {
		if ((rc = open_unlocked(st, e)))
			return rc;
		rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master",
		                  NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK)
		return wf_sql_err(st, rc, e);
	/* A load touches random keys (tax codes, match keys) in several
	 * indexes at once: 16 MiB of page cache keeps them in memory, and is
	 * still a fixed bound, so memory stays flat however long the load. */
	if ((rc = wf_sql_exec(st, "PRAGMA foreign_keys = ON;"
	                          "PRAGMA synchronous = NORMAL;"
	                          "PRAGMA cache_size = -16384;", e)))
		return rc;
	/* journal_mode needs a write lock the first time; a busy store will
	 * already be in WAL mode. */
	if (!st->readonly)
		sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	return 0;
}

static int app_id(struct wf_store *st, struct wf_err *e)
{
	sqlite3_stmt *s;
	int id = 0, tables = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA application_id", -1, &s, NULL))
		return wf_sql_err(st, sqlite3_errcode(st->db), e);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1,
	                       &s, NULL))
		return wf_sql_err(st, sqlite3_errcode(st->db), e);
	if (sqlite3_step(s) == SQLITE_ROW)
		tables = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (id == WF_APP_ID || (id == 0 && tables == 0))
		return 0;
	return wf_err_set(e, WF_EX_UNAVAILABLE,
	                  "'%s' is a database but not a workflow store", st->path);
}

int wf_store_open(struct wf_store **stp, const char *path, unsigned flags,
                  struct wf_err *e)
{
	struct wf_store *st;
	int rc, tightened = 0;

	*stp = NULL;
	if ((rc = ensure_file(path, flags, &tightened, e)))
		return rc;
	if (!(st = calloc(1, sizeof *st)))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	st->tightened = tightened;
	snprintf(st->path, sizeof st->path, "%s", path);
	/* a store the user may read but not write serves those who read */
	st->readonly = (flags & WF_OPEN_READ) && access(path, W_OK) < 0 &&
	               errno == EACCES;
	rc = sqlite3_open_v2(path, &st->db, st->readonly ? SQLITE_OPEN_READONLY
	                                                 : SQLITE_OPEN_READWRITE,
	                     NULL);
	if (rc != SQLITE_OK) {
		rc = access(path, W_OK) < 0 && errno == EACCES
		     ? wf_err_set(e, WF_EX_NOPERM, "cannot open store '%s': %s",
		                  path, strerror(EACCES))
		     : wf_sql_err(st, rc, e);
		wf_store_close(st);
		return rc;
	}
	if ((rc = pragmas(st, e)) || (rc = app_id(st, e)) ||
	    (rc = wf_schema_migrate(st, e))) {
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
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st);
}

sqlite3_stmt *wf_sql(struct wf_store *st, const char *sql, struct wf_err *e)
{
	sqlite3_stmt *s;
	int rc;

	for (int i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	if ((rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL)) != SQLITE_OK) {
		wf_sql_err(st, rc, e);
		return NULL;
	}
	if (st->ncache < CACHE_MAX) {
		st->cache[st->ncache].sql = sql;
		st->cache[st->ncache++].stmt = s;
	} else {
		/* Never reached with the suite's statements; keep it safe. */
		sqlite3_finalize(s);
		wf_err_set(e, WF_EX_SOFTWARE, "statement cache full");
		return NULL;
	}
	return s;
}

int wf_sql_done(struct wf_store *st, sqlite3_stmt *s, struct wf_err *e)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : wf_sql_err(st, rc, e);
}

void wf_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void wf_bind_json(sqlite3_stmt *s, int i, const cJSON *v)
{
	char *txt;

	if (!v || cJSON_IsNull(v)) {
		sqlite3_bind_null(s, i);
	} else if (cJSON_IsString(v)) {
		sqlite3_bind_text(s, i, v->valuestring, -1, SQLITE_TRANSIENT);
	} else if (cJSON_IsNumber(v)) {
		if (wf_whole(v->valuedouble))
			sqlite3_bind_int64(s, i, (sqlite3_int64)v->valuedouble);
		else
			sqlite3_bind_double(s, i, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		sqlite3_bind_int(s, i, cJSON_IsTrue(v));
	} else if ((txt = cJSON_PrintUnformatted(v))) {
		sqlite3_bind_text(s, i, txt, -1, free);
	} else {
		sqlite3_bind_null(s, i);
	}
}

cJSON *wf_col_json(sqlite3_stmt *s, int i)
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_INTEGER:
		return cJSON_CreateNumber((double)sqlite3_column_int64(s, i));
	case SQLITE_FLOAT:
		return cJSON_CreateNumber(sqlite3_column_double(s, i));
	case SQLITE_TEXT:
		return cJSON_CreateString((const char *)sqlite3_column_text(s, i));
	}
	return NULL;
}

int wf_col_text(sqlite3_stmt *s, int i, char *dst, size_t len)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	int n = snprintf(dst, len, "%s", v ? (const char *)v : "");

	return n >= 0 && (size_t)n < len ? 0 : -1;
}

int wf_stored_bad(struct wf_err *e, const char *what, const char *kind,
                  const char *id)
{
	if (!id)
		return wf_err_set(e, WF_EX_DATAERR, "a %s: the stored %s is not what "
		                  "the commands write (the store was changed by "
		                  "other means): run 'wf store check', or restore "
		                  "it from a backup", kind, _(what));
	return wf_err_set(e, WF_EX_DATAERR, "%s '%.48s': the stored %s is not "
	                  "what the commands write (the store was changed by "
	                  "other means): run 'wf store check', or restore it "
	                  "from a backup", kind, id, _(what));
}

int wf_stored_date(const char *text, int optional, wf_day *d)
{
	if (optional && (!text || !*text))
		return 0;
	return wf_date_parse(text, d) ? -1 : 0;
}

sqlite3_stmt *wf_sql_row(struct wf_store *st, const char *sql, const char *key,
                         int missing, const char *what, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, sql, e);
	int rc;

	if (!s)
		return NULL;
	wf_bind_text(s, 1, key);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		return s;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		wf_err_set(e, missing, "%s '%s' not found", what, key);
	else
		wf_sql_err(st, rc, e);
	return NULL;
}

void wf_col_push(cJSON *list, sqlite3_stmt *s)
{
	cJSON_AddItemToArray(list, wf_col_json(s, 0));
}

void wf_col_add(cJSON *obj, const char *name, sqlite3_stmt *s, int i)
{
	cJSON *v = wf_col_json(s, i);

	if (v)
		cJSON_AddItemToObject(obj, name, v);
}

void wf_row_add(cJSON *obj, sqlite3_stmt *s)
{
	int n = sqlite3_column_count(s);

	for (int i = 0; i < n; i++)
		wf_col_add(obj, sqlite3_column_name(s, i), s, i);
}

void wf_row_push(cJSON *list, sqlite3_stmt *s)
{
	cJSON *o = cJSON_CreateObject();

	wf_row_add(o, s);
	cJSON_AddItemToArray(list, o);
}

sqlite3_int64 wf_sql_id(struct wf_store *st, const char *sql, const char *key,
                        struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, sql, e);
	sqlite3_int64 id = 0;
	int rc;

	if (!s)
		return -1;
	wf_bind_text(s, 1, key);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return wf_sql_err(st, rc, e), -1;
	return id;
}

int wf_sql_each(struct wf_store *st, const char *sql, const char *text,
                sqlite3_int64 num, void (*fn)(cJSON *, sqlite3_stmt *),
                cJSON *into, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, sql, e);
	int rc;

	if (!s)
		return e->code;
	if (text)
		wf_bind_text(s, 1, text);
	else
		sqlite3_bind_int64(s, 1, num);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(into, s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : wf_sql_err(st, rc, e);
}

long long wf_id_number(const char *id, const char *what, struct wf_err *e)
{
	char *end;
	long long n = strtoll(id, &end, 10);

	if (!*id || *end || n <= 0) {
		wf_err_set(e, WF_EX_DATAERR, "'%s' is not a %s number", id, what);
		return 0;
	}
	return n;
}

int wf_sql_text(struct wf_store *st, const char *sql, const char *a,
                const char *b, char *out, size_t len, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, sql, e);
	int step;

	out[0] = '\0';
	if (!s)
		return e->code;
	wf_bind_text(s, 1, a);
	if (b)
		wf_bind_text(s, 2, b);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		wf_col_text(s, 0, out, len);
	sqlite3_reset(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0
	                                                 : wf_sql_err(st, step, e);
}

cJSON *wf_sql_record(struct wf_store *st, const char *sql, const char *id,
                     const char *what, void (*fn)(cJSON *, sqlite3_stmt *),
                     struct wf_err *e)
{
	long long n = wf_id_number(id, what, e);
	cJSON *r;

	if (!n)
		return NULL;
	r = cJSON_CreateObject();
	if (wf_sql_each(st, sql, NULL, n, fn, r, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	if (!r->child) {
		wf_err_set(e, WF_EX_NOMATCH, "%s %lld not found", what, n);
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

sqlite3_int64 wf_sql_last_id(struct wf_store *st)
{
	return sqlite3_last_insert_rowid(st->db);
}

int wf_store_begin(struct wf_store *st, struct wf_err *e)
{
	st->head_id = 0;
	return wf_sql_exec(st, "BEGIN IMMEDIATE", e);
}

int wf_store_snapshot(struct wf_store *st, struct wf_err *e)
{
	return wf_sql_exec(st, "BEGIN", e);
}

int wf_store_commit(struct wf_store *st, struct wf_err *e)
{
	st->head_id = 0;
	return wf_sql_exec(st, "COMMIT", e);
}

int wf_store_end_read(struct wf_store *st, struct wf_err *e)
{
	return sqlite3_get_autocommit(st->db) ? 0 : wf_store_commit(st, e);
}

void wf_store_rollback(struct wf_store *st)
{
	st->head_id = 0;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
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
	st->head_id = 0;
	sqlite3_exec(st->db, "ROLLBACK TO record; RELEASE record", NULL, NULL,
	             NULL);
}

int wf_store_version(struct wf_store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}
