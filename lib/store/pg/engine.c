/*
 * engine.c - the PostgreSQL engine behind store.h (struct wf_engine),
 * reached with libpq: a location postgresql://... or postgresql:[conninfo]
 * (the libpq environment, PGHOST, PGDATABASE, PGSERVICE, PGPASSFILE, fills
 * in the rest; a password is never taken from the location, which is a
 * command line). Statements are said in PostgreSQL's words by dialect.c,
 * prepared on the server once per invocation and run with their
 * parameters as text, which the server reads by what each is compared
 * to, as SQLite would. Writers take the store's lock when they begin,
 * as SQLite's BEGIN IMMEDIATE does, so that numbers given by max()+1
 * (case ids, row ids) never clash; waiting for it past the busy timeout
 * is exit 75.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "pg.h"

/* What a failed call returns (wf_step's codes besides WF_ROW/WF_DONE):
 * the kind of failure, for err() and constraint(). */
enum { PG_ERROR = 1, PG_BUSY, PG_PERM, PG_CONSTRAINT, PG_UNAVAILABLE,
       PG_IO, PG_DATA, PG_NO_TABLE };

/* Type OIDs of the kinds col_type tells apart, and parameters are given
 * (pg_type.h). */
enum { BOOLOID = 16, BYTEAOID = 17, INT8OID = 20, INT2OID = 21, INT4OID = 23,
       TEXTOID = 25, OIDOID = 26, FLOAT4OID = 700, FLOAT8OID = 701,
       NUMERICOID = 1700 };

struct pg {
	PGconn *conn;
	char msg[1024];      /* the last failure's message */
	int nstmt;           /* statements named so far */
	/* the statements finalized, to be deallocated on the server with
	 * the next one prepared, or with the connection */
	char gone[512];
	int kind;            /* the last failure's kind */
	int scoped;          /* the policies apply to this connection */
	int version;         /* the schema's, as opened; -1 once a write
	                      * may have changed it (asked each time then) */
	long txn;            /* transactions begun, for a cursor's owner */
	int ncursor;         /* cursors named so far */
};

struct pg_stmt {
	struct wf_stmt base;
	struct wf_store *st;
	char name[24];
	int nparams;
	char **vals;         /* bound values as text, NULL for NULL */
	PGresult *res;       /* the rows, once run (a batch of a cursor's) */
	int row, nrows;
	char *sql;           /* as the server was given it */
	int many;            /* rows to be fetched a batch at a time */
	int loop;            /* planned as the loop its CROSS JOIN says */
	Oid *types;          /* the parameters', as the server took them */
	char cursor[24];     /* open in transaction txn, or "" */
	long txn;
};

/* Rows a cursor fetches at a time. */
#define FETCH_ROWS 1000

#define PG(st) ((struct pg *)(st)->impl)
#define Q(x) ((struct pg_stmt *)(void *)(x))

static int claims(const char *location)
{
	return !strncmp(location, "postgresql:", 11) ||
	       !strncmp(location, "postgres:", 9);
}

/* libpq's connection string of a location: a URI as it is, else what
 * follows the scheme (key=value words, or nothing: the environment). */
static const char *conninfo(const char *location)
{
	const char *rest = strchr(location, ':') + 1;

	return !strncmp(rest, "//", 2) ? location : rest;
}

/* A failed result's kind, its message kept for errmsg(). */
static int failed(struct wf_store *st, PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
	                    : NULL;
	int kind = PG_ERROR;

	snprintf(PG(st)->msg, sizeof PG(st)->msg, "%s",
	         msg ? msg : PQerrorMessage(PG(st)->conn));
	PG(st)->msg[strcspn(PG(st)->msg, "\n")] = '\0';
	if (!state)
		kind = PQstatus(PG(st)->conn) == CONNECTION_OK ? PG_ERROR
		                                               : PG_UNAVAILABLE;
	else if (!strncmp(state, "23", 2))
		kind = PG_CONSTRAINT;
	else if (!strcmp(state, "55P03") || !strcmp(state, "40001") ||
	         !strcmp(state, "40P01") || !strcmp(state, "57014"))
		kind = PG_BUSY;
	else if (!strcmp(state, "42501") || !strncmp(state, "28", 2) ||
	         !strcmp(state, "25006"))
		kind = PG_PERM;
	else if (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3) ||
	         !strcmp(state, "3D000"))
		kind = PG_UNAVAILABLE;
	else if (!strncmp(state, "53", 2) || !strncmp(state, "58", 2))
		kind = PG_IO;
	else if (!strncmp(state, "22", 2))
		kind = PG_DATA;
	else if (!strcmp(state, "42P01"))
		kind = PG_NO_TABLE;
	PQclear(r);
	return PG(st)->kind = kind;
}

static int err(struct wf_store *st, int rc, struct wf_err *e)
{
	const char *msg = st && st->impl ? PG(st)->msg : "";

	switch (rc) {
	case PG_BUSY:
		return wf_err_set(e, WF_EX_TEMPFAIL,
		                  "the store is busy (another command holds it): %s",
		                  msg);
	case PG_PERM:
		return wf_err_set(e, WF_EX_NOPERM, "the store refuses this to you: "
		                  "%s", msg);
	case PG_UNAVAILABLE:
		return wf_err_set(e, WF_EX_UNAVAILABLE, "cannot reach the store: %s",
		                  msg);
	case PG_IO:
		return wf_err_set(e, WF_EX_IOERR, "store i/o error: %s", msg);
	case PG_DATA:
		return wf_err_set(e, WF_EX_DATAERR, "the store cannot take this "
		                  "value: %s", msg);
	case PG_CONSTRAINT:
		return wf_err_set(e, WF_EX_DATAERR, "the store refuses this: %s",
		                  msg);
	}
	return wf_err_set(e, WF_EX_SOFTWARE, "store error: %s", msg);
}

/* Run sql (no parameters, one or more statements): 0, or a kind. */
static int run(struct wf_store *st, const char *sql)
{
	PGresult *r = PQexec(PG(st)->conn, sql);
	ExecStatusType s = PQresultStatus(r);

	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		PQclear(r);
		return 0;
	}
	return failed(st, r);
}

/* Run sql: 0, or its failure said in e. */
static int run_e(struct wf_store *st, const char *sql, struct wf_err *e)
{
	int rc = run(st, sql);

	return rc ? err(st, rc, e) : 0;
}

/* The first n values of sql's first row as numbers (NULL as 0, -1 each
 * when there is no row): 0, or -1 on failure. */
static int first_nums(struct wf_store *st, const char *sql, long long *v,
                      int n)
{
	PGresult *r = PQexec(PG(st)->conn, sql);

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return failed(st, r), -1;
	for (int i = 0; i < n; i++)
		v[i] = !PQntuples(r) || i >= PQnfields(r) ? -1
		       : PQgetisnull(r, 0, i) ? 0 : atoll(PQgetvalue(r, 0, i));
	PQclear(r);
	return 0;
}

/* The first value of sql's first row as a number; -1 on failure. */
static long long first_num(struct wf_store *st, const char *sql)
{
	long long v;

	return first_nums(st, sql, &v, 1) ? -1 : v;
}

static int exec(struct wf_store *st, const char *sql, struct wf_err *e)
{
	const char *p = sql;
	char *one, *pg;
	int oom, rc = 0;

	while (!rc && (one = wf_pg_next(&p, &oom))) {
		if (!(pg = wf_pg_translate(one, NULL)))
			oom = 1;
		else
			rc = run(st, pg);
		free(pg);
		free(one);
		if (oom)
			return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	}
	if (oom)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	return rc ? err(st, rc, e) : 0;
}

/* One try at preparing sql as name. Within a transaction, a statement
 * that fails to prepare ends it: when the try may fail and be made again
 * (guarded), a savepoint keeps the transaction, as SQLite's failures do;
 * two more round trips, so only then. */
static PGresult *try_prepare(struct wf_store *st, const char *name,
                             const char *sql, int nparams, const Oid *types,
                             int guarded)
{
	int inside = guarded &&
	             PQtransactionStatus(PG(st)->conn) == PQTRANS_INTRANS;
	PGresult *r;

	if (inside && run(st, "SAVEPOINT wf_prepare"))
		return NULL;
	r = PQprepare(PG(st)->conn, name, sql, nparams, types);
	if (inside && PQresultStatus(r) != PGRES_COMMAND_OK)
		run(st, "ROLLBACK TO SAVEPOINT wf_prepare");
	if (inside)
		run(st, "RELEASE SAVEPOINT wf_prepare");
	return r;
}

/* Whether r failed as text met a number: "operator does not exist", or
 * "column is of type bigint but expression is of type text". */
static int mismatch(const PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state && (!strcmp(state, "42883") || !strcmp(state, "42804"));
}

/* Prepare sql as name. A parameter the server may not give a type from
 * where it stands ("?1 IS NULL OR x = ?1", marked by the dialect) is
 * text, as SQLite takes it; when text then meets a number, each such
 * parameter in turn is tried as a number instead. */
static PGresult *prepare_typed(struct wf_store *st, const char *name,
                               const char *sql, const struct wf_pg_params *pp)
{
	Oid types[pp->n + 1];
	PGresult *r;

	for (int i = 0; i < pp->n; i++)
		types[i] = i < 64 && (pp->untyped >> i & 1) ? TEXTOID : 0;
	r = try_prepare(st, name, sql, pp->n, types, pp->untyped != 0);
	for (int i = 0; i < pp->n && mismatch(r); i++) {
		if (types[i] != TEXTOID)
			continue;
		PQclear(r);
		types[i] = INT8OID;
		r = try_prepare(st, name, sql, pp->n, types, 1);
		if (mismatch(r))
			types[i] = TEXTOID;
	}
	return r;
}

static int exec_with(struct wf_store *st, const char *sql, long long p1,
                     struct wf_err *e)
{
	const char *p = sql;
	char *one, *pg, num[24];
	const char *vals[1] = { num };
	int oom = 0, rc = 0;
	struct wf_pg_params pp;

	snprintf(num, sizeof num, "%lld", p1);
	while (!rc && (one = wf_pg_next(&p, &oom))) {
		PGresult *r;

		pg = wf_pg_translate(one, &pp);
		free(one);
		if (!pg)
			return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		/* named: a savepoint's own statements would drop the unnamed */
		pp.n = pp.n ? 1 : 0;
		r = prepare_typed(st, "wf_once", pg, &pp);
		free(pg);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			rc = failed(st, r);
			break;
		}
		PQclear(r);
		r = PQexecPrepared(PG(st)->conn, "wf_once", pp.n, vals, NULL, NULL,
		                   0);
		if (PQresultStatus(r) == PGRES_COMMAND_OK ||
		    PQresultStatus(r) == PGRES_TUPLES_OK)
			PQclear(r);
		else
			rc = failed(st, r);
		if ((r = PQexec(PG(st)->conn, "DEALLOCATE wf_once")))
			PQclear(r);
	}
	if (oom)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	return rc ? err(st, rc, e) : 0;
}

/* ---- opening a store ---------------------------------------------------- */

/* A password in the location would be on a command line, for anyone
 * to read in the process list: refused, with where it belongs. */
static int no_password(const char *info, struct wf_err *e)
{
	char *why = NULL;
	PQconninfoOption *o = PQconninfoParse(info, &why), *i;
	int has = 0;

	if (!o) {
		wf_err_set(e, WF_EX_CONFIG, "'%s' is not a PostgreSQL location: %s",
		           info, why ? why : "out of memory");
		PQfreemem(why);
		return e->code;
	}
	for (i = o; i->keyword; i++)
		if (!strcmp(i->keyword, "password") && i->val && *i->val)
			has = 1;
	PQconninfoFree(o);
	if (has)
		return wf_err_set(e, WF_EX_CONFIG, "the store's location holds a "
		                  "password, which a command line would show to "
		                  "anyone: put it in a password file (PGPASSFILE, "
		                  "~/.pgpass) or a service file instead");
	return 0;
}

/* The settings every connection needs: UTF-8, a fixed time zone, and
 * waits (for the store's lock, a row) bounded by the busy timeout; and
 * no JIT compiling, which costs a list or a report more than it saves
 * (a list of 10,000 cases ran 1.3 s with it, 0.4 s without). */
static int settings(struct wf_store *st, struct wf_err *e)
{
	const char *env = getenv("WF_BUSY_TIMEOUT");
	char sql[160];
	int rc;

	snprintf(sql, sizeof sql, "SET lock_timeout = %d; SET TIME ZONE 'UTC';"
	         " SET client_min_messages = error; SET jit = off",
	         env && *env ? atoi(env) : 5000);
	if (PQsetClientEncoding(PG(st)->conn, "UTF8") || (rc = run(st, sql)))
		return wf_err_set(e, WF_EX_UNAVAILABLE, "cannot use the store "
		                  "'%s': %s", st->path, PQerrorMessage(PG(st)->conn));
	return 0;
}

/* What a store says of itself as it is opened, in one round trip: its
 * application id, the version of what compat.c gave it and of its
 * schema, and whether the policies apply to this connection (not to the
 * owner nor a superuser; asked now, while no failed statement stands in
 * the way of asking). */
enum { FOUND_APP, FOUND_COMPAT, FOUND_VERSION, FOUND_SCOPED, FOUND_N };

static const char SQL_FOUND[] =
	"SELECT (SELECT value FROM wf_meta WHERE key = 'application_id'),"
	" (SELECT value FROM wf_meta WHERE key = 'compat_version'),"
	" (SELECT value FROM wf_meta WHERE key = 'user_version'),"
	" CASE WHEN to_regclass('cases') IS NULL THEN 0"
	"  ELSE row_security_active('cases')::int END";

/* Whether the database is a workflow store (what it says in found), is
 * empty (0), or is another application's (-1 with e set). A database
 * without the store's settings is asked after them only then. */
static int is_store(struct wf_store *st, long long found[FOUND_N],
                    struct wf_err *e)
{
	long long tables;

	if (first_nums(st, SQL_FOUND, found, FOUND_N)) {
		if (PG(st)->kind != PG_NO_TABLE)
			return err(st, PG(st)->kind, e), -1;
		tables = first_num(st, "SELECT count(*) FROM pg_class WHERE relkind"
		                   " = 'r' AND relnamespace ="
		                   " to_regnamespace(current_schema())");
		if (tables < 0)
			return err(st, PG(st)->kind, e), -1;
		if (tables != 0)
			return wf_err_set(e, WF_EX_UNAVAILABLE, "'%s' is a database but"
			                  " not a workflow store", st->path), -1;
		return 0;
	}
	if (found[FOUND_APP] != WF_APP_ID && found[FOUND_APP] != 0)
		return wf_err_set(e, WF_EX_UNAVAILABLE, "'%s' is a database but not a"
		                  " workflow store", st->path), -1;
	return 1;
}

/* Whether a store's compat.c functions are an older build's. */
static int compat_older(struct wf_store *st)
{
	return first_num(st, "SELECT coalesce((SELECT value FROM wf_meta WHERE"
	                 " key = 'compat_version'), 0)") < WF_PG_COMPAT_VERSION;
}

/* Whether the database lacks what compat.c gives, or has it from an
 * older build. */
static int older(struct wf_store *st)
{
	if (first_num(st, "SELECT (to_regclass('wf_meta') IS NULL)::int") != 0)
		return 1;
	return compat_older(st);
}

/* Give an empty database what the statements rely on (compat.c), or a
 * store made by an older build what this one adds: once, whoever else
 * opens it at the same time. */
static int install(struct wf_store *st, struct wf_err *e)
{
	char sql[128];
	int rc;

	if ((rc = run(st, "BEGIN")) ||
	    (rc = run(st, "SELECT pg_advisory_xact_lock(1464224855)")))
		return err(st, rc, e);
	if (older(st)) {
		snprintf(sql, sizeof sql, "SELECT wf_pragma('compat_version', %d)",
		         WF_PG_COMPAT_VERSION);
		if ((rc = run(st, wf_pg_compat)) || (rc = run(st, sql))) {
			run(st, "ROLLBACK");
			return err(st, rc, e);
		}
	}
	return run_e(st, "COMMIT", e);
}

static int open_store(struct wf_store *st, unsigned flags, struct wf_err *e)
{
	const char *info = conninfo(st->path);
	long long said[FOUND_N];
	int rc, found;

	if ((rc = no_password(info, e)))
		return rc;
	if (!(st->impl = calloc(1, sizeof(struct pg))))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	PG(st)->conn = PQconnectdb(info);
	if (PQstatus(PG(st)->conn) != CONNECTION_OK) {
		const char *why = PQerrorMessage(PG(st)->conn);

		return wf_err_set(e, strstr(why, "authentication") ||
		                     strstr(why, "permission denied")
		                     ? WF_EX_NOPERM : WF_EX_UNAVAILABLE,
		                  "cannot reach the store '%s': %.*s", st->path,
		                  (int)strcspn(why, "\n"), why);
	}
	if ((rc = settings(st, e)))
		return rc;
	if ((found = is_store(st, said, e)) < 0)
		return e->code;
	if (!found && !(flags & WF_OPEN_CREATE))
		return wf_err_set(e, WF_EX_UNAVAILABLE, "no store at '%s' (create it"
		                  " with 'wf init')", st->path);
	PG(st)->scoped = found && said[FOUND_SCOPED] == 1;
	PG(st)->version = found ? (int)said[FOUND_VERSION] : -1;
	return !found || said[FOUND_COMPAT] < WF_PG_COMPAT_VERSION
	       ? install(st, e) : 0;
}

static void close_store(struct wf_store *st)
{
	if (!st->impl)
		return;
	PQfinish(PG(st)->conn);
	free(st->impl);
	st->impl = NULL;
}

static const char *errmsg(struct wf_store *st)
{
	return PG(st)->msg;
}

static int constraint(int rc)
{
	return rc == PG_CONSTRAINT;
}

static long long last_id(struct wf_store *st)
{
	long long v = first_num(st, "SELECT current_setting('wf.last_id', true)");

	return v < 0 ? 0 : v;
}

static int begin(struct wf_store *st, int write, struct wf_err *e)
{
	int rc;

	PG(st)->txn++;
	if (!write)
		return run_e(st, "BEGIN ISOLATION LEVEL REPEATABLE READ", e);
	PG(st)->version = -1;
	if ((rc = run(st, "BEGIN")) ||
	    (rc = run(st, "SELECT pg_advisory_xact_lock(1464224855)"))) {
		run(st, "ROLLBACK");
		return err(st, rc, e);
	}
	return 0;
}

static int in_transaction(const struct wf_store *st)
{
	return PQtransactionStatus(PG(st)->conn) != PQTRANS_IDLE;
}

static int version(struct wf_store *st)
{
	return PG(st)->version >= 0 ? PG(st)->version
	       : (int)first_num(st, "SELECT wf_pragma('user_version')");
}

static int unchanged(const struct wf_store *st, struct wf_err *e)
{
	(void)st, (void)e;
	return 0;
}

/* ---- statements ---------------------------------------------------------- */

/* Deallocate the statements finalized since the last time, in one
 * round trip. In a failed transaction they wait: the server takes
 * nothing but its end. */
static void deallocate(struct pg *g)
{
	PGresult *r;

	if (!*g->gone || PQtransactionStatus(g->conn) == PQTRANS_INERROR)
		return;
	r = PQexec(g->conn, g->gone);
	PQclear(r);
	*g->gone = '\0';
}

static struct wf_stmt *prepare(struct wf_store *st, const char *sql,
                               struct wf_err *e)
{
	struct pg_stmt *q = calloc(1, sizeof *q);
	char *pg = NULL;
	struct wf_pg_params pp;
	PGresult *r;

	if (q && (pg = wf_pg_translate(sql, &pp))) {
		q->nparams = pp.n;
		q->loop = pp.loop;
	}
	if (!q || !pg ||
	    (q->nparams && !(q->vals = calloc(q->nparams, sizeof *q->vals)))) {
		free(pg);
		if (q)
			free(q->vals);
		free(q);
		wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	q->base.eng = &wf_pg_engine;
	q->st = st;
	deallocate(PG(st));
	snprintf(q->name, sizeof q->name, "wf%d", ++PG(st)->nstmt);
	r = prepare_typed(st, q->name, pg, &pp);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		err(st, failed(st, r), e);
		free(pg);
		free(q->vals);
		free(q);
		return NULL;
	}
	PQclear(r);
	q->sql = pg;
	return &q->base;
}

static void unbind(struct pg_stmt *q)
{
	for (int i = 0; i < q->nparams; i++) {
		free(q->vals[i]);
		q->vals[i] = NULL;
	}
}

/* A cursor is closed in the transaction that opened it, while that one
 * stands: at its end the server closes it, and a CLOSE after would fail
 * the next. */
static void reset(struct wf_stmt *s)
{
	struct pg_stmt *q = Q(s);
	char sql[48];

	PQclear(q->res);
	q->res = NULL;
	q->row = q->nrows = 0;
	if (q->cursor[0] && q->txn == PG(q->st)->txn &&
	    PQtransactionStatus(PG(q->st)->conn) == PQTRANS_INTRANS) {
		snprintf(sql, sizeof sql, "CLOSE %s", q->cursor);
		run(q->st, sql);
	}
	q->cursor[0] = '\0';
}

/* A statement freed here; on the server with the next one prepared (a
 * closing connection frees its own, so nothing is said at the end). */
static void finalize(struct wf_stmt *s)
{
	struct pg_stmt *q = Q(s);
	struct pg *g = PG(q->st);
	size_t n = strlen(g->gone);

	reset(s);
	unbind(q);
	if (n + sizeof q->name + 16 > sizeof g->gone) {
		deallocate(g);
		n = strlen(g->gone);
	}
	if (n + sizeof q->name + 16 <= sizeof g->gone)
		snprintf(g->gone + n, sizeof g->gone - n, "DEALLOCATE %s;",
		         q->name);
	free(q->vals);
	free(q->types);
	free(q->sql);
	free(q);
}

static void clear(struct wf_stmt *s)
{
	reset(s);
	unbind(Q(s));
}

/* The types the server gave the parameters, asked once. */
static int param_types(struct pg_stmt *q)
{
	PGresult *r;

	if (q->types || !q->nparams)
		return 0;
	r = PQdescribePrepared(PG(q->st)->conn, q->name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		return failed(q->st, r);
	if ((q->types = calloc(q->nparams, sizeof *q->types)))
		for (int i = 0; i < q->nparams && i < PQnparams(r); i++)
			q->types[i] = PQparamtype(r, i);
	PQclear(r);
	return q->types ? 0 : PG_ERROR;
}

/* The next batch of the cursor's rows. */
static PGresult *fetch(struct pg_stmt *q)
{
	char sql[64];

	snprintf(sql, sizeof sql, "FETCH %d FROM %s", FETCH_ROWS, q->cursor);
	return PQexec(PG(q->st)->conn, sql);
}

/* Run the statement: its rows at once, or, for one whose rows may be
 * many, a cursor over them and its first batch (a cursor lives in a
 * transaction; outside one the rows come at once). */
static PGresult *execute_rows(struct pg_stmt *q)
{
	struct pg *g = PG(q->st);
	size_t n;
	char *sql;
	PGresult *r;

	if (!q->many || PQtransactionStatus(g->conn) != PQTRANS_INTRANS)
		return PQexecPrepared(g->conn, q->name, q->nparams,
		                      (const char *const *)q->vals, NULL, NULL, 0);
	if (param_types(q))
		return NULL;
	snprintf(q->cursor, sizeof q->cursor, "wf_c%d", ++g->ncursor);
	n = strlen(q->sql) + 64;
	if (!(sql = malloc(n)))
		return NULL;
	snprintf(sql, n, "DECLARE %s NO SCROLL CURSOR FOR %s", q->cursor, q->sql);
	r = PQexecParams(g->conn, sql, q->nparams, q->types,
	                 (const char *const *)q->vals, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		q->cursor[0] = '\0';
		return r;
	}
	PQclear(r);
	q->txn = g->txn;
	return fetch(q);
}

/* What SQLite's CROSS JOIN says, said to PostgreSQL's planner while it
 * plans the statement (the settings go back after; a failed transaction
 * takes them back itself): the tables in the order written, each one
 * after the first looked up by index for each row before it. The
 * planner would otherwise read a whole history to join the few cases
 * the due rule walks (at 100,000 cases, 0.25 s for 0.09 s). */
static const char LOOP_ON[] =
	"SET join_collapse_limit = 1; SET enable_hashjoin = off;"
	" SET enable_mergejoin = off";
static const char LOOP_OFF[] =
	"RESET join_collapse_limit; RESET enable_hashjoin; RESET enable_mergejoin";

/* Run the statement, planned as it says. */
static PGresult *execute(struct pg_stmt *q)
{
	PGresult *r;

	if (!q->loop)
		return execute_rows(q);
	if (run(q->st, LOOP_ON))
		return NULL;
	r = execute_rows(q);
	if (PQtransactionStatus(PG(q->st)->conn) != PQTRANS_INERROR)
		run(q->st, LOOP_OFF);
	return r;
}

/* Take r as the rows to step through (0), or its failure's kind. */
static int take(struct pg_stmt *q, PGresult *r)
{
	ExecStatusType t = PQresultStatus(r);

	if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK)
		return failed(q->st, r);
	PQclear(q->res);
	q->res = r;
	q->nrows = PQntuples(r);
	q->row = -1;
	return 0;
}

static int step(struct wf_stmt *s)
{
	struct pg_stmt *q = Q(s);
	int kind;

	if (!q->res && (kind = take(q, execute(q))))
		return kind;
	if (q->row + 1 >= q->nrows && q->cursor[0] && q->nrows == FETCH_ROWS &&
	    (kind = take(q, fetch(q))))
		return kind;
	if (q->row + 1 < q->nrows) {
		q->row++;
		return WF_ROW;
	}
	q->row = q->nrows;
	return WF_DONE;
}

static void many(struct wf_stmt *s)
{
	Q(s)->many = 1;
}

static void bind_str(struct wf_stmt *s, int i, const char *v)
{
	struct pg_stmt *q = Q(s);

	if (i < 1 || i > q->nparams)
		return;
	free(q->vals[i - 1]);
	q->vals[i - 1] = v ? strdup(v) : NULL;
}

static void bind_int64(struct wf_stmt *s, int i, long long v)
{
	char num[24];

	snprintf(num, sizeof num, "%lld", v);
	bind_str(s, i, num);
}

static void bind_int(struct wf_stmt *s, int i, int v)
{
	bind_int64(s, i, v);
}

static void bind_double(struct wf_stmt *s, int i, double v)
{
	char num[32];

	snprintf(num, sizeof num, "%.17g", v);
	bind_str(s, i, num);
}

static void bind_null(struct wf_stmt *s, int i)
{
	bind_str(s, i, NULL);
}

static int bind_count(struct wf_stmt *s)
{
	return Q(s)->nparams;
}

static int has_row(const struct pg_stmt *q, int i)
{
	return q->res && q->row >= 0 && q->row < q->nrows && i >= 0 &&
	       i < PQnfields(q->res);
}

static const char *col_str(struct wf_stmt *s, int i)
{
	struct pg_stmt *q = Q(s);
	const char *v;

	if (!has_row(q, i) || PQgetisnull(q->res, q->row, i))
		return NULL;
	v = PQgetvalue(q->res, q->row, i);
	/* a comparison reads as SQLite gives it: 1 or 0 */
	if (PQftype(q->res, i) == BOOLOID)
		return *v == 't' ? "1" : "0";
	return v;
}

static long long col_int64(struct wf_stmt *s, int i)
{
	const char *v = col_str(s, i);

	return v ? strtoll(v, NULL, 10) : 0;
}

static int col_int(struct wf_stmt *s, int i)
{
	return (int)col_int64(s, i);
}

static double col_double(struct wf_stmt *s, int i)
{
	const char *v = col_str(s, i);

	return v ? strtod(v, NULL) : 0;
}

static enum wf_coltype col_type(struct wf_stmt *s, int i)
{
	struct pg_stmt *q = Q(s);

	if (!has_row(q, i) || PQgetisnull(q->res, q->row, i))
		return WF_COL_NULL;
	switch (PQftype(q->res, i)) {
	case BOOLOID: case INT2OID: case INT4OID: case INT8OID: case OIDOID:
		return WF_COL_INT;
	case FLOAT4OID: case FLOAT8OID:
		return WF_COL_REAL;
	case NUMERICOID:
		/* a sum of integers is a whole number, as SQLite gives it */
		return strchr(PQgetvalue(q->res, q->row, i), '.') ? WF_COL_REAL
		                                                  : WF_COL_INT;
	case BYTEAOID:
		return WF_COL_BLOB;
	}
	return WF_COL_TEXT;
}

static int col_bytes(struct wf_stmt *s, int i)
{
	const char *v = col_str(s, i);

	return v ? (int)strlen(v) : 0;
}

static int col_count(struct wf_stmt *s)
{
	struct pg_stmt *q = Q(s);
	PGresult *r;
	int n;

	if (q->res)
		return PQnfields(q->res);
	r = PQdescribePrepared(PG(q->st)->conn, q->name);
	n = PQresultStatus(r) == PGRES_COMMAND_OK ? PQnfields(r) : 0;
	PQclear(r);
	return n;
}

static const char *col_name(struct wf_stmt *s, int i)
{
	struct pg_stmt *q = Q(s);

	return q->res && i >= 0 && i < PQnfields(q->res) ? PQfname(q->res, i)
	                                                : NULL;
}

/* ---- the store as a whole ------------------------------------------------ */

static int copy_out(struct wf_store *st, const char *path, struct wf_err *e)
{
	(void)path;
	return wf_err_set(e, WF_EX_UNAVAILABLE, "'%s' is kept by a PostgreSQL "
	                  "server: back it up with pg_dump, or copy it to a file "
	                  "with 'wf store copy'", st->path);
}

static int copy_in(struct wf_store *st, const char *path, struct wf_err *e)
{
	(void)path;
	return wf_err_set(e, WF_EX_UNAVAILABLE, "'%s' is kept by a PostgreSQL "
	                  "server: restore it with pg_restore, or copy a store "
	                  "into it with 'wf store copy'", st->path);
}

static int file_info(const char *path, struct wf_store_file *f,
                     struct wf_err *e)
{
	(void)f;
	return wf_err_set(e, WF_EX_USAGE, "'%s' is not a file", path);
}

static int file_whole(const char *path, struct wf_err *e)
{
	return wf_err_set(e, WF_EX_USAGE, "'%s' is not a file", path);
}

/* The server keeps its own files whole: what is checked here is that
 * it answers for the store's catalogue; the size is the database's. */
static int whole(struct wf_store *st, long *pages, struct wf_err *e)
{
	long long n = first_num(st, "SELECT count(*) FROM sqlite_master");

	if (n < 0)
		return err(st, PG_UNAVAILABLE, e);
	*pages = (long)first_num(st, "SELECT pg_database_size(current_database())"
	                         " / 8192");
	return 0;
}

/* Row-level security: the policies domain/scope.c writes, as written. */
static int scope(struct wf_store *st, const char *sql, struct wf_err *e)
{
	return run_e(st, sql, e);
}

/* A store loaded whole has no statistics until autovacuum comes by:
 * without them the server plans a report as if its tables were empty
 * (a quality report 8 s instead of 0.4 s at 10,000 cases). */
static int settle(struct wf_store *st, struct wf_err *e)
{
	return run_e(st, "ANALYZE", e);
}

/* The server said, as the store was opened, whether policies apply to
 * this connection: not to the store's owner, nor to a superuser. */
static int scoped(struct wf_store *st)
{
	return PG(st)->scoped;
}

/* compat.c's wf_role_grant quotes the name as an identifier. */
static int role(struct wf_store *st, const char *name, int on,
                struct wf_err *e)
{
	const char *v[2] = { name, on ? "t" : "f" };
	PGresult *r = PQexecParams(PG(st)->conn, "SELECT wf_role_grant($1,"
	                           " $2::boolean)", 2, NULL, v, NULL, NULL, 0);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		PQclear(r);
		return 0;
	}
	if (state && !strcmp(state, "42704")) {
		PQclear(r);
		return wf_err_set(e, WF_EX_DATAERR, "the server has no role '%s' "
		                  "(its administrator creates it: CREATE ROLE)",
		                  name);
	}
	return err(st, failed(st, r), e);
}

const struct wf_engine wf_pg_engine = {
	.name = "postgresql",
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
	.bind_text = bind_str,
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
	.copy_out = copy_out,
	.copy_in = copy_in,
	.file_info = file_info,
	.file_whole = file_whole,
	.whole = whole,
	.settle = settle,
	.scope = scope,
	.scoped = scoped,
	.role = role,
};
