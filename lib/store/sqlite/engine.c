/*
 * engine.c - the SQLite engine behind store.h (struct wf_engine): where
 * a store lives on disk and opening it safely (a new file 0600 in a 0700
 * folder, a read-only user served without locks), the pragmas every
 * connection needs, transactions, errors as exit codes, and the
 * statement calls, each one of SQLite's on SQLite's own statement. The
 * copy and checks of a whole store are in copy.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "sqlite.h"

/* wf_step() hands SQLite's codes through. */
_Static_assert(WF_ROW == SQLITE_ROW && WF_DONE == SQLITE_DONE,
               "WF_ROW and WF_DONE are SQLite's codes");

/* The engine's part of a store. */
struct sq {
	sqlite3 *db;
	/* opened without locks (immutable), as a read-only user cannot make
	 * the WAL index: the file as it was, to see that nobody wrote */
	int unlocked;
	struct stat seen;
};

/* A statement: SQLite's, behind the part every engine's has. */
struct sq_stmt {
	struct wf_stmt base;
	sqlite3_stmt *s;
};

#define SQ(st) ((struct sq *)(st)->impl)
#define DB(st) (SQ(st)->db)
#define S(x) (((struct sq_stmt *)(void *)(x))->s)

sqlite3 *wf_sqlite_db(struct wf_store *st)
{
	return DB(st);
}

/* Any location the other engines leave: a file path. */
static int claims(const char *location)
{
	(void)location;
	return 1;
}

/* Whether the store's write-ahead log exists: someone is writing it. */
static int being_written(const struct wf_store *st)
{
	char wal[sizeof st->path + 8];

	snprintf(wal, sizeof wal, "%s-wal", st->path);
	return access(wal, F_OK) == 0;
}

static int unchanged(const struct wf_store *st, struct wf_err *e)
{
	const struct sq *q = st->impl;
	struct stat now;

	if (!q->unlocked)
		return 0;
	if (stat(st->path, &now) == 0 && !being_written(st) &&
	    now.st_size == q->seen.st_size &&
	    now.st_mtim.tv_sec == q->seen.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == q->seen.st_mtim.tv_nsec)
		return 0;
	return wf_err_set(e, WF_EX_TEMPFAIL, "the store changed while it was "
	                  "read (read-only, it is read without locks): run the "
	                  "command again");
}

static int err(struct wf_store *st, int rc, struct wf_err *e)
{
	const char *msg = st && st->impl && DB(st) ? sqlite3_errmsg(DB(st))
	                                            : sqlite3_errstr(rc);

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
	case SQLITE_CONSTRAINT:
		return wf_err_set(e, WF_EX_DATAERR, "the store refuses this: %s",
		                  msg);
	}
	return wf_err_set(e, WF_EX_SOFTWARE, "store error: %s", msg);
}

/* A read-only user of a store in WAL mode cannot create its index (the
 * -shm file) in a folder they may not write, so SQLite cannot lock it.
 * When no one is writing (no -wal file), read it as an immutable file
 * and check afterwards that it did not change (unchanged()). */
static int open_unlocked(struct wf_store *st, struct wf_err *e)
{
	char uri[3 * sizeof st->path + 32], *u = uri;
	struct sq *q = st->impl;
	int rc;

	if (being_written(st) || stat(st->path, &q->seen) < 0)
		return wf_err_set(e, WF_EX_NOPERM, "the store '%s' is being written "
		                  "and is read-only to you: it can be read only "
		                  "when no one writes it", st->path);
	u += sprintf(u, "file:");
	for (const unsigned char *p = (const unsigned char *)st->path; *p; p++)
		u += strchr("?#%", *p) || *p < 0x21 || *p > 0x7e
		     ? sprintf(u, "%%%02X", *p) : sprintf(u, "%c", *p);
	strcpy(u, "?immutable=1");
	sqlite3_close(q->db);
	q->db = NULL;
	rc = sqlite3_open_v2(uri, &q->db, SQLITE_OPEN_READONLY |
	                     SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK)
		return err(st, rc, e);
	q->unlocked = 1;
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

static int exec(struct wf_store *st, const char *sql, struct wf_err *e)
{
	int rc = sqlite3_exec(DB(st), sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : err(st, rc, e);
}

static int exec_with(struct wf_store *st, const char *sql, long long p1,
                     struct wf_err *e)
{
	const char *tail = sql;
	sqlite3_stmt *s;
	int rc;

	while (tail && *tail) {
		if ((rc = sqlite3_prepare_v2(DB(st), tail, -1, &s, &tail)))
			return err(st, rc, e);
		if (!s)           /* only blanks were left */
			break;
		if (sqlite3_bind_parameter_count(s) >= 1)
			sqlite3_bind_int64(s, 1, p1);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return err(st, rc, e);
	}
	return 0;
}

static int pragmas(struct wf_store *st, struct wf_err *e)
{
	const char *env = getenv("WF_BUSY_TIMEOUT");
	int ms = env && *env ? atoi(env) : 5000;
	int rc;

	sqlite3_busy_timeout(DB(st), ms);
	/* Check the file is a database before touching it further. */
	rc = sqlite3_exec(DB(st), "SELECT count(*) FROM sqlite_master", NULL,
	                  NULL, NULL);
	if (st->readonly && (rc & 0xff) == SQLITE_READONLY) {
		if ((rc = open_unlocked(st, e)))
			return rc;
		rc = sqlite3_exec(DB(st), "SELECT count(*) FROM sqlite_master",
		                  NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK)
		return err(st, rc, e);
	/* A load touches random keys (tax codes, match keys) in several
	 * indexes at once: 16 MiB of page cache keeps them in memory, and is
	 * still a fixed bound, so memory stays flat however long the load. */
	if ((rc = exec(st, "PRAGMA foreign_keys = ON;"
	                   "PRAGMA synchronous = NORMAL;"
	                   "PRAGMA cache_size = -16384;", e)))
		return rc;
	/* journal_mode needs a write lock the first time; a busy store will
	 * already be in WAL mode. */
	if (!st->readonly)
		sqlite3_exec(DB(st), "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	return 0;
}

/* The first integer of sql, or -1. */
static int first_int(struct wf_store *st, const char *sql)
{
	char v[32];

	return wf_sqlite_text(DB(st), sql, v, sizeof v) ? -1 : atoi(v);
}

static int app_id(struct wf_store *st, struct wf_err *e)
{
	int id = first_int(st, "PRAGMA application_id");
	int tables = first_int(st, "SELECT count(*) FROM sqlite_master");

	if (id < 0 || tables < 0)
		return err(st, sqlite3_errcode(DB(st)), e);
	if (id == WF_APP_ID || (id == 0 && tables == 0))
		return 0;
	return wf_err_set(e, WF_EX_UNAVAILABLE,
	                  "'%s' is a database but not a workflow store", st->path);
}

static int open_store(struct wf_store *st, unsigned flags, struct wf_err *e)
{
	const char *path = st->path;
	int rc;

	if ((rc = ensure_file(path, flags, &st->tightened, e)))
		return rc;
	if (!(st->impl = calloc(1, sizeof(struct sq))))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	/* a store the user may read but not write serves those who read */
	st->readonly = (flags & WF_OPEN_READ) && access(path, W_OK) < 0 &&
	               errno == EACCES;
	rc = sqlite3_open_v2(path, &SQ(st)->db, st->readonly
	                     ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK)
		return access(path, W_OK) < 0 && errno == EACCES
		       ? wf_err_set(e, WF_EX_NOPERM, "cannot open store '%s': %s",
		                    path, strerror(EACCES))
		       : err(st, rc, e);
	if ((rc = pragmas(st, e)) || (rc = app_id(st, e)))
		return rc;
	return 0;
}

static void close_store(struct wf_store *st)
{
	if (!st->impl)
		return;
	sqlite3_close(DB(st));
	free(st->impl);
	st->impl = NULL;
}

static struct wf_stmt *prepare(struct wf_store *st, const char *sql,
                               struct wf_err *e)
{
	struct sq_stmt *q = calloc(1, sizeof *q);
	int rc;

	if (!q) {
		wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	q->base.eng = &wf_sqlite_engine;
	if ((rc = sqlite3_prepare_v2(DB(st), sql, -1, &q->s, NULL)) != SQLITE_OK) {
		err(st, rc, e);
		free(q);
		return NULL;
	}
	return &q->base;
}

static void finalize(struct wf_stmt *s)
{
	sqlite3_finalize(S(s));
	free(s);
}

static void clear(struct wf_stmt *s)
{
	sqlite3_reset(S(s));
	sqlite3_clear_bindings(S(s));
}

static const char *errmsg(struct wf_store *st)
{
	return sqlite3_errmsg(DB(st));
}

static int constraint(int rc)
{
	return (rc & 0xff) == SQLITE_CONSTRAINT;
}

static long long last_id(struct wf_store *st)
{
	return sqlite3_last_insert_rowid(DB(st));
}

static int begin(struct wf_store *st, int write, struct wf_err *e)
{
	return exec(st, write ? "BEGIN IMMEDIATE" : "BEGIN", e);
}

static int in_transaction(const struct wf_store *st)
{
	return !sqlite3_get_autocommit(DB(st));
}

static int version(struct wf_store *st)
{
	return first_int(st, "PRAGMA user_version");
}

/* ---- the statement calls ------------------------------------------------ */

static int step(struct wf_stmt *s)
{
	return sqlite3_step(S(s));
}

static void reset(struct wf_stmt *s)
{
	sqlite3_reset(S(s));
}

static void bind_int64(struct wf_stmt *s, int i, long long v)
{
	sqlite3_bind_int64(S(s), i, v);
}

static void bind_int(struct wf_stmt *s, int i, int v)
{
	sqlite3_bind_int(S(s), i, v);
}

static void bind_double(struct wf_stmt *s, int i, double v)
{
	sqlite3_bind_double(S(s), i, v);
}

static void bind_text(struct wf_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(S(s), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(S(s), i);
}

static void bind_null(struct wf_stmt *s, int i)
{
	sqlite3_bind_null(S(s), i);
}

static int bind_count(struct wf_stmt *s)
{
	return sqlite3_bind_parameter_count(S(s));
}

static const char *col_str(struct wf_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(S(s), i);
}

static long long col_int64(struct wf_stmt *s, int i)
{
	return sqlite3_column_int64(S(s), i);
}

static int col_int(struct wf_stmt *s, int i)
{
	return sqlite3_column_int(S(s), i);
}

static double col_double(struct wf_stmt *s, int i)
{
	return sqlite3_column_double(S(s), i);
}

static enum wf_coltype col_type(struct wf_stmt *s, int i)
{
	switch (sqlite3_column_type(S(s), i)) {
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

static int col_bytes(struct wf_stmt *s, int i)
{
	return sqlite3_column_bytes(S(s), i);
}

static int col_count(struct wf_stmt *s)
{
	return sqlite3_column_count(S(s));
}

static const char *col_name(struct wf_stmt *s, int i)
{
	return sqlite3_column_name(S(s), i);
}

/* SQLite steps through the rows as it finds them already. */
static void many(struct wf_stmt *s)
{
	(void)s;
}

/* SQLite plans without statistics, as the statements are written for. */
static int settle(struct wf_store *st, struct wf_err *e)
{
	(void)st, (void)e;
	return 0;
}

/* One file is one service's: whoever may open it sees all of it. */
static int scope(struct wf_store *st, const char *sql, struct wf_err *e)
{
	(void)st, (void)sql, (void)e;
	return 0;
}

static int scoped(struct wf_store *st)
{
	(void)st;
	return 0;
}

static int role(struct wf_store *st, const char *name, int on,
                struct wf_err *e)
{
	(void)name, (void)on;
	return wf_err_set(e, WF_EX_USAGE, "'%s' is a SQLite store, one "
	                  "service's: it has no database roles (agencies share "
	                  "a store on PostgreSQL, see workflow(7))", st->path);
}

const struct wf_engine wf_sqlite_engine = {
	.name = "sqlite",
	.claims = claims,
	.open = open_store,
	.close = close_store,
	.prepare = prepare,
	.finalize = finalize,
	.clear = clear,
	.exec = exec,
	.exec_with = exec_with,
	.err = err,
	.errmsg = errmsg,
	.constraint = constraint,
	.last_id = last_id,
	.begin = begin,
	.in_transaction = in_transaction,
	.version = version,
	.unchanged = unchanged,
	.step = step,
	.reset = reset,
	.bind_int64 = bind_int64,
	.bind_int = bind_int,
	.bind_double = bind_double,
	.bind_text = bind_text,
	.bind_null = bind_null,
	.bind_count = bind_count,
	.many = many,
	.col_str = col_str,
	.col_int64 = col_int64,
	.col_int = col_int,
	.col_double = col_double,
	.col_type = col_type,
	.col_bytes = col_bytes,
	.col_count = col_count,
	.col_name = col_name,
	.copy_out = wf_sqlite_copy_out,
	.copy_in = wf_sqlite_copy_in,
	.file_info = wf_sqlite_file_info,
	.file_whole = wf_sqlite_file_whole,
	.whole = wf_sqlite_whole,
	.settle = settle,
	.scope = scope,
	.scoped = scoped,
	.role = role,
};
