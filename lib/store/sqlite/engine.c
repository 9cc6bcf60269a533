/*
 * engine.c - the SQLite engine behind store.h: where a store lives,
 * opening it safely, the pragmas every connection needs, transactions,
 * the statement cache, and the statement calls the modules use (a
 * struct wf_stmt is SQLite's own statement, so each call is one of
 * SQLite's). The schema and its migrations are in schema.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sqlite.h"

/* wf_step() hands SQLite's codes through. */
_Static_assert(WF_ROW == SQLITE_ROW && WF_DONE == SQLITE_DONE,
               "WF_ROW and WF_DONE are SQLite's codes");

#define STMT(s) ((sqlite3_stmt *)(void *)(s))
#define WF(s) ((struct wf_stmt *)(void *)(s))

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
	long long head_id;
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

int wf_store_head(const struct wf_store *st, long long *id, char *hash,
                  size_t len)
{
	if (!st->head_id || sqlite3_get_autocommit(st->db))
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

const char *wf_store_engine(const struct wf_store *st)
{
	(void)st;
	return "sqlite";
}

const char *wf_store_file(const struct wf_store *st)
{
	return st->path;
}

sqlite3 *wf_sqlite_db(struct wf_store *st)
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

int wf_sql_exec_with(struct wf_store *st, const char *sql, long long p1,
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
	if ((rc = pragmas(st, e)) || (rc = app_id(st, e))) {
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

struct wf_stmt *wf_sql(struct wf_store *st, const char *sql,
                       struct wf_err *e)
{
	sqlite3_stmt *s;
	int rc;

	for (int i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return WF(s);
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
	return WF(s);
}

int wf_sql_done(struct wf_store *st, struct wf_stmt *s, struct wf_err *e)
{
	int rc = sqlite3_step(STMT(s));

	sqlite3_reset(STMT(s));
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : wf_sql_err(st, rc, e);
}

long long wf_sql_last_id(struct wf_store *st)
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

/* ---- the statement calls of store.h --------------------------------- */

int wf_step(struct wf_stmt *s)
{
	return sqlite3_step(STMT(s));
}

void wf_reset(struct wf_stmt *s)
{
	sqlite3_reset(STMT(s));
}

void wf_bind_text(struct wf_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(STMT(s), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(STMT(s), i);
}

void wf_bind_int64(struct wf_stmt *s, int i, long long v)
{
	sqlite3_bind_int64(STMT(s), i, v);
}

void wf_bind_int(struct wf_stmt *s, int i, int v)
{
	sqlite3_bind_int(STMT(s), i, v);
}

void wf_bind_double(struct wf_stmt *s, int i, double v)
{
	sqlite3_bind_double(STMT(s), i, v);
}

void wf_bind_null(struct wf_stmt *s, int i)
{
	sqlite3_bind_null(STMT(s), i);
}

int wf_bind_count(struct wf_stmt *s)
{
	return sqlite3_bind_parameter_count(STMT(s));
}

const char *wf_col_str(struct wf_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(STMT(s), i);
}

long long wf_col_int64(struct wf_stmt *s, int i)
{
	return sqlite3_column_int64(STMT(s), i);
}

int wf_col_int(struct wf_stmt *s, int i)
{
	return sqlite3_column_int(STMT(s), i);
}

double wf_col_double(struct wf_stmt *s, int i)
{
	return sqlite3_column_double(STMT(s), i);
}

int wf_col_null(struct wf_stmt *s, int i)
{
	return sqlite3_column_type(STMT(s), i) == SQLITE_NULL;
}

enum wf_coltype wf_col_type(struct wf_stmt *s, int i)
{
	switch (sqlite3_column_type(STMT(s), i)) {
	case SQLITE_INTEGER:
		return WF_COL_INT;
	case SQLITE_FLOAT:
		return WF_COL_REAL;
	case SQLITE_TEXT:
		return WF_COL_TEXT;
	case SQLITE_BLOB:
		return WF_COL_BLOB;
	}
	return WF_COL_NULL;
}

int wf_col_bytes(struct wf_stmt *s, int i)
{
	return sqlite3_column_bytes(STMT(s), i);
}

int wf_col_count(struct wf_stmt *s)
{
	return sqlite3_column_count(STMT(s));
}

const char *wf_col_name(struct wf_stmt *s, int i)
{
	return sqlite3_column_name(STMT(s), i);
}

struct wf_stmt *wf_sql_prepare(struct wf_store *st, const char *sql,
                               struct wf_err *e)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK) {
		wf_sql_err(st, rc, e);
		return NULL;
	}
	return WF(s);
}

void wf_sql_finalize(struct wf_stmt *s)
{
	sqlite3_finalize(STMT(s));
}

const char *wf_store_errmsg(struct wf_store *st)
{
	return sqlite3_errmsg(st->db);
}

int wf_sql_constraint(int rc)
{
	return (rc & 0xff) == SQLITE_CONSTRAINT;
}
