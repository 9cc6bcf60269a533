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

#endif
