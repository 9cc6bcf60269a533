/*
 * engine.h - what an engine gives the store, for store/ and the engines
 * only: one table of calls (struct wf_engine), and the parts of a store
 * and of a statement every engine shares. store/dispatch.c chooses the
 * engine a location names and hands every call of store.h to it; an
 * engine keeps its own state behind st->impl and in the statements it
 * makes, which begin with a struct wf_stmt.
 */
#ifndef WF_ENGINE_H
#define WF_ENGINE_H

#include <sys/stat.h>

#include "store.h"

#define WF_CACHE_MAX 128

/* A statement: what every engine's begins with. */
struct wf_stmt {
	const struct wf_engine *eng;
};

struct wf_store {
	const struct wf_engine *eng;
	void *impl;                   /* the engine's own */
	char path[4096];              /* where it is, as resolved */
	struct {
		const char *sql;
		struct wf_stmt *stmt;
	} cache[WF_CACHE_MAX];
	int ncache;
	/* the audit trail's last entry, as this transaction appended it:
	 * known only while the transaction that wrote it is open */
	long long head_id;
	char head_hash[65];
	int tightened;    /* it was open to others: made private */
	int readonly;     /* opened read-only: the user may not write it */
};

struct wf_engine {
	const char *name;                   /* "sqlite", "postgresql" */
	/* Whether the engine opens location (a path, a URI). */
	int (*claims)(const char *location);
	/* Open st->path (WF_OPEN_* flags): set st->impl, st->tightened and
	 * st->readonly. On failure, close() is still called. */
	int (*open)(struct wf_store *st, unsigned flags, struct wf_err *e);
	void (*close)(struct wf_store *st);
	/* A new statement, to finalize(). NULL with e set. */
	struct wf_stmt *(*prepare)(struct wf_store *st, const char *sql,
	                           struct wf_err *e);
	void (*finalize)(struct wf_stmt *s);
	/* Reset s and clear its bindings, for the cache to hand it out. */
	void (*clear)(struct wf_stmt *s);
	/* Statements without parameters; and statements one after the
	 * other with ?1 bound to p1 in those that take it. */
	int (*exec)(struct wf_store *st, const char *sql, struct wf_err *e);
	int (*exec_with)(struct wf_store *st, const char *sql, long long p1,
	                 struct wf_err *e);
	/* A failed call's code as an exit code and message; the last
	 * message; whether a code is a broken constraint. */
	int (*err)(struct wf_store *st, int rc, struct wf_err *e);
	const char *(*errmsg)(struct wf_store *st);
	int (*constraint)(int rc);
	long long (*last_id)(struct wf_store *st);
	/* Transactions: begin to write (taking the write lock at once) or
	 * to read (one snapshot); whether one is open. */
	int (*begin)(struct wf_store *st, int write, struct wf_err *e);
	int (*in_transaction)(const struct wf_store *st);
	int (*version)(struct wf_store *st);
	int (*unchanged)(const struct wf_store *st, struct wf_err *e);
	/* The statement calls of store.h. */
	int (*step)(struct wf_stmt *s);
	void (*reset)(struct wf_stmt *s);
	void (*bind_int64)(struct wf_stmt *s, int i, long long v);
	void (*bind_int)(struct wf_stmt *s, int i, int v);
	void (*bind_double)(struct wf_stmt *s, int i, double v);
	void (*bind_text)(struct wf_stmt *s, int i, const char *v);
	void (*bind_null)(struct wf_stmt *s, int i);
	int (*bind_count)(struct wf_stmt *s);
	/* s may return many rows: fetch them a batch at a time. */
	void (*many)(struct wf_stmt *s);
	const char *(*col_str)(struct wf_stmt *s, int i);
	long long (*col_int64)(struct wf_stmt *s, int i);
	int (*col_int)(struct wf_stmt *s, int i);
	double (*col_double)(struct wf_stmt *s, int i);
	enum wf_coltype (*col_type)(struct wf_stmt *s, int i);
	int (*col_bytes)(struct wf_stmt *s, int i);
	int (*col_count)(struct wf_stmt *s);
	const char *(*col_name)(struct wf_stmt *s, int i);
	/* The store as a whole (see store.h). */
	int (*copy_out)(struct wf_store *st, const char *path, struct wf_err *e);
	int (*copy_in)(struct wf_store *st, const char *path, struct wf_err *e);
	int (*file_info)(const char *path, struct wf_store_file *f,
	                 struct wf_err *e);
	int (*file_whole)(const char *path, struct wf_err *e);
	int (*whole)(struct wf_store *st, long *pages, struct wf_err *e);
	/* The store was loaded whole: what the planner needs to know of it
	 * (0, or a code). */
	int (*settle)(struct wf_store *st, struct wf_err *e);
	/* Agencies on a shared store (see store.h): run sql, in the
	 * engine's own words, where rows are scoped by database role;
	 * whether they are for this connection; let a role use the store's
	 * tables, or no longer. */
	int (*scope)(struct wf_store *st, const char *sql, struct wf_err *e);
	int (*scoped)(struct wf_store *st);
	int (*role)(struct wf_store *st, const char *role, int on,
	            struct wf_err *e);
};

/* The engines this build has, the default (SQLite) last: it takes any
 * location the others do not claim. */
extern const struct wf_engine wf_sqlite_engine;
extern const struct wf_engine wf_pg_engine;

#endif
