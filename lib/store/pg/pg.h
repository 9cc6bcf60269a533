/*
 * pg.h - what the PostgreSQL engine's own files share: the dialect
 * (dialect.c), which reads the library's SQL, written once, and says it
 * as PostgreSQL reads it; and the functions the store's database is
 * given so that the same statements mean the same there (compat.c). No
 * file of the library outside lib/store/pg/ includes it (the unit layer
 * does, to check the dialect).
 */
#ifndef WF_PG_H
#define WF_PG_H

#include <libpq-fe.h>

#include "store.h"

/* The next statement of sql at *p (statements end at a ';' outside
 * quotes, a trigger at its END), malloc'd, and *p moved past it; NULL
 * when only blanks are left or memory ran out (*oom set). */
char *wf_pg_next(const char **p, int *oom);
/* One statement in PostgreSQL's words, malloc'd (NULL: out of memory):
 * ?N and ? become $N, ORDER BY keeps SQLite's place for NULLs (and so do
 * an index's columns, so that it serves such an ORDER BY), IS and
 * IS NOT compare values, CROSS JOIN is a join, json_object builds one;
 * in a table's definition the types become PostgreSQL's (an INTEGER
 * PRIMARY KEY numbered as SQLite numbers it, text compared byte by
 * byte); a PRAGMA reads or sets the store's own settings; a guard
 * trigger becomes a function and a trigger, recorded with the text it
 * was given so that the audit can check it. params (unless NULL): the
 * highest parameter number, and those (of the first 64) that stand
 * before IS [NOT] NULL or not at all, where the server may not tell
 * their type. */
struct wf_pg_params {
	int n;
	unsigned long long untyped;
	int loop;     /* a CROSS JOIN: SQLite's word for "the left the outer
	               * loop, the right looked up by index for each row" */
};
char *wf_pg_translate(const char *sql, struct wf_pg_params *params);
/* The SQL that gives a database what the statements rely on: the
 * store's settings and triggers' texts, the table sqlite_master, and
 * the functions of SQLite's the library calls. Run once a store is
 * created, and again when compat_version says it is older. */
extern const char wf_pg_compat[];
#define WF_PG_COMPAT_VERSION 3


#endif
