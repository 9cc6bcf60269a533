/*
 * sqlite.h - what the SQLite engine's own files share, beside store.h:
 * the connection beneath a store, for what only SQLite can do (a backup
 * while others write, an integrity check of a file). No file outside
 * lib/store/sqlite/ includes it.
 */
#ifndef WF_SQLITE_H
#define WF_SQLITE_H

#include <sqlite3.h>

#include "store.h"

sqlite3 *wf_sqlite_db(struct wf_store *st);
/* The first row's first column of sql on db, as text into buf ("" for
 * NULL): 0, or -1 when sql fails or gives no row. */
int wf_sqlite_text(sqlite3 *db, const char *sql, char *buf, size_t len);
/* The store as a whole, SQLite's way (copy.c): the engine's calls of the
 * same names in store.h. */
int wf_sqlite_copy_out(struct wf_store *st, const char *path,
                       struct wf_err *e);
int wf_sqlite_copy_in(struct wf_store *st, const char *path,
                      struct wf_err *e);
int wf_sqlite_file_info(const char *path, struct wf_store_file *f,
                        struct wf_err *e);
int wf_sqlite_file_whole(const char *path, struct wf_err *e);
int wf_sqlite_whole(struct wf_store *st, long *pages, struct wf_err *e);

#endif
