/*
 * store.h - the store's statement interface, for lib/ modules only. Every
 * statement is prepared once per invocation, cached by the address of its
 * SQL text, and reused with bound parameters; no SQL is ever built from
 * user text.
 */
#ifndef WF_STORE_H
#define WF_STORE_H

#include <sqlite3.h>

#include "sql.h"
#include "wf.h"

/* PRAGMA application_id of a workflow store: 'WFLW'. */
#define WF_APP_ID 0x57464C57

/* The connection beneath the store, for what only the engine can do (a
 * backup). */
sqlite3 *wf_store_db(struct wf_store *st);
/* The audit trail's head as this transaction left it (1, and id and
 * hash filled), or 0 when not known: any transaction's end or rollback,
 * to a savepoint too, forgets it. */
int wf_store_head(const struct wf_store *st, sqlite3_int64 *id, char *hash,
                  size_t len);
void wf_store_head_set(struct wf_store *st, sqlite3_int64 id,
                       const char *hash);
/* The schema version this build migrates stores to. */
int wf_schema_latest(void);

/* The cached statement for sql (a string constant), reset and with its
 * bindings cleared; NULL with e set. */
sqlite3_stmt *wf_sql(struct wf_store *st, const char *sql, struct wf_err *e);
/* Turn a failed SQLite call into an error: busy -> 75, read-only or
 * permission -> 77, full disk or I/O -> 74, anything else -> 70. */
int wf_sql_err(struct wf_store *st, int rc, struct wf_err *e);
/* Step a statement that returns no rows. Returns 0 or a code. */
int wf_sql_done(struct wf_store *st, sqlite3_stmt *s, struct wf_err *e);
/* Bind text or NULL (when v is NULL). */
void wf_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Bind a cJSON value: strings and numbers as text or numbers, NULL when
 * missing, anything else as its JSON text. */
void wf_bind_json(sqlite3_stmt *s, int i, const cJSON *v);
/* A column as a cJSON value (NULL column: NULL pointer). */
cJSON *wf_col_json(sqlite3_stmt *s, int i);
/* Column i as text into dst ("" for NULL). Returns 0, or -1 when it did
 * not fit (dst holds what did): a value the commands never write. */
int wf_col_text(sqlite3_stmt *s, int i, char *dst, size_t len);
/* A value read back from the store that the commands cannot have written
 * (cut, or not a date where a date is kept): WF_EX_DATAERR naming what
 * and whose ("case '2026-0001'"; without an id, "a case"). */
int wf_stored_bad(struct wf_err *e, const char *what, const char *kind,
                  const char *id);
/* The store's file is damaged (why: what found it): WF_EX_UNAVAILABLE,
 * with what to do. */
int wf_store_damaged(const struct wf_store *st, const char *why,
                     struct wf_err *e);
/* A date read back from the store: 0 and *d set (or left alone when
 * optional and empty), -1 when it is not one. */
int wf_stored_date(const char *text, int optional, wf_day *d);
/* Run sql with the one key and leave the statement on its first row, for
 * the caller to read and reset; with no row, NULL and e set to missing
 * with "WHAT 'KEY' not found". */
sqlite3_stmt *wf_sql_row(struct wf_store *st, const char *sql, const char *key,
                         int missing, const char *what, struct wf_err *e);
/* Append column 0 of the row to list: a wf_sql_each() callback for
 * lists of ids. */
void wf_col_push(cJSON *list, sqlite3_stmt *s);
/* Add column i to obj under name unless it is NULL. */
void wf_col_add(cJSON *obj, const char *name, sqlite3_stmt *s, int i);
/* Add every column of the row to obj under its name in the statement
 * (a column's own name, or its AS where the key differs: the SQL names
 * the record's keys), but NULLs. */
void wf_row_add(cJSON *obj, sqlite3_stmt *s);
/* Append the row to list as an object, as wf_row_add makes it: a
 * wf_sql_each() callback. */
void wf_row_push(cJSON *list, sqlite3_stmt *s);
sqlite3_int64 wf_sql_last_id(struct wf_store *st);
/* The integer of the first row of sql (one text parameter, key): 0 when
 * there is no row, -1 on error with e set. For "the id of the X coded K". */
sqlite3_int64 wf_sql_id(struct wf_store *st, const char *sql, const char *key,
                        struct wf_err *e);
/* Run sql with one parameter (text, or num when text is NULL) and hand
 * each row to fn with into. Returns 0 or a code. */
int wf_sql_each(struct wf_store *st, const char *sql, const char *text,
                sqlite3_int64 num, void (*fn)(cJSON *, sqlite3_stmt *),
                cJSON *into, struct wf_err *e);
/* A record's number given as text (id): a positive whole number, else
 * 0 with e set to WF_EX_DATAERR, "'ID' is not a WHAT number". */
long long wf_id_number(const char *id, const char *what, struct wf_err *e);
/* Column 0 of the first row of sql, with a bound to ?1 and b (unless
 * NULL) to ?2, as text into out ("" when there is no row or it is NULL).
 * Returns 0 or a code. */
int wf_sql_text(struct wf_store *st, const char *sql, const char *a,
                const char *b, char *out, size_t len, struct wf_err *e);
/* The record numbered id (text, a positive number) that fn makes of the
 * row of sql; NULL with e set: WF_EX_DATAERR when id is not a number,
 * WF_EX_NOMATCH with "WHAT N not found" when there is no row. */
cJSON *wf_sql_record(struct wf_store *st, const char *sql, const char *id,
                     const char *what, void (*fn)(cJSON *, sqlite3_stmt *),
                     struct wf_err *e);
/* Step s (bound by the caller) and emit get(st, column 0) for each row;
 * WF_EX_NOMATCH with the message none when there was no row. For the
 * list subcommands. */
int wf_emit_rows(struct wf_ctx *ctx, sqlite3_stmt *s,
                 cJSON *(*get)(struct wf_store *, const char *,
                               struct wf_err *),
                 const char *none, struct wf_err *e);
/* Run the statements of sql in turn, each with ?1 bound to p1 where it
 * has one: a change that spans tables, done once. */
int wf_sql_exec_with(struct wf_store *st, const char *sql, sqlite3_int64 p1,
                     struct wf_err *e);
/* Run statements without parameters (migrations). */
int wf_sql_exec(struct wf_store *st, const char *sql, struct wf_err *e);
/* Apply the pending migrations; called by wf_store_open(). */
int wf_schema_migrate(struct wf_store *st, struct wf_err *e);

#endif
