/*
 * store.h - the store's statement interface, for lib/ modules only: the
 * one way they reach the store, whatever engine is beneath (lib/store/sqlite/
 * today). Every statement is prepared once per invocation, cached by the
 * address of its SQL text, and reused with bound parameters; no SQL is
 * ever built from user text. Only the engines' own files include an
 * engine's header (make checks it).
 */
#ifndef WF_STORE_H
#define WF_STORE_H

#include "sql.h"
#include "wf.h"

/* PRAGMA application_id of a workflow store: 'WFLW'. */
#define WF_APP_ID 0x57464C57

/* A prepared statement of the store's engine. */
struct wf_stmt;
/* What wf_step() returns besides an engine's error code, which
 * wf_sql_err() turns into an exit code. */
enum { WF_ROW = 100, WF_DONE = 101 };
/* The kind of value in a column of the current row. */
enum wf_coltype { WF_COL_INT = 1, WF_COL_REAL, WF_COL_TEXT, WF_COL_BLOB,
                  WF_COL_NULL };

/* Run s to its next row: WF_ROW, WF_DONE, or an engine error. */
int wf_step(struct wf_stmt *s);
/* Back to before its first row, its bindings kept. */
void wf_reset(struct wf_stmt *s);
/* Bind parameter i (from 1). Text is copied. */
void wf_bind_int64(struct wf_stmt *s, int i, long long v);
void wf_bind_int(struct wf_stmt *s, int i, int v);
void wf_bind_double(struct wf_stmt *s, int i, double v);
void wf_bind_null(struct wf_stmt *s, int i);
/* How many parameters the statement takes. */
int wf_bind_count(struct wf_stmt *s);
/* s may return many rows (a list, a table): the engine keeps a batch of
 * them at a time, not all (a cursor on PostgreSQL, in a transaction). */
void wf_sql_many(struct wf_stmt *s);
/* Column i (from 0) of the current row: its text (NULL for a NULL),
 * number, whether it is NULL, its kind, its length in bytes. Text stays
 * valid until the next step or reset. */
const char *wf_col_str(struct wf_stmt *s, int i);
long long wf_col_int64(struct wf_stmt *s, int i);
int wf_col_int(struct wf_stmt *s, int i);
double wf_col_double(struct wf_stmt *s, int i);
int wf_col_null(struct wf_stmt *s, int i);
enum wf_coltype wf_col_type(struct wf_stmt *s, int i);
int wf_col_bytes(struct wf_stmt *s, int i);
/* How many columns a row has, and the name of column i (its AS). */
int wf_col_count(struct wf_stmt *s);
const char *wf_col_name(struct wf_stmt *s, int i);
/* A statement made at run time from names the schema gives (never from
 * user text), not cached: wf_sql_finalize() it. NULL with e set. */
struct wf_stmt *wf_sql_prepare(struct wf_store *st, const char *sql,
                               struct wf_err *e);
void wf_sql_finalize(struct wf_stmt *s);
/* The engine's last message about st, for an error to quote. */
const char *wf_store_errmsg(struct wf_store *st);
/* Whether rc (a failed wf_step) is a broken constraint (unique, foreign
 * key, check, not null): bad data rather than a fault. */
int wf_sql_constraint(struct wf_store *st, int rc);
/* The audit trail's head as this transaction left it (1, and id and
 * hash filled), or 0 when not known: any transaction's end or rollback,
 * to a savepoint too, forgets it. */
int wf_store_head(const struct wf_store *st, long long *id, char *hash,
                  size_t len);
void wf_store_head_set(struct wf_store *st, long long id,
                       const char *hash);
/* The schema version this build migrates stores to. */
int wf_schema_latest(void);

/* The cached statement for sql (a string constant), reset and with its
 * bindings cleared; NULL with e set. */
struct wf_stmt *wf_sql(struct wf_store *st, const char *sql, struct wf_err *e);
/* Turn a failed SQLite call into an error: busy -> 75, read-only or
 * permission -> 77, full disk or I/O -> 74, anything else -> 70. */
int wf_sql_err(struct wf_store *st, int rc, struct wf_err *e);
/* Step a statement that returns no rows. Returns 0 or a code. */
int wf_sql_done(struct wf_store *st, struct wf_stmt *s, struct wf_err *e);
/* Bind text or NULL (when v is NULL). */
void wf_bind_text(struct wf_stmt *s, int i, const char *v);
/* Bind a cJSON value: strings and numbers as text or numbers, NULL when
 * missing, anything else as its JSON text. */
void wf_bind_json(struct wf_stmt *s, int i, const cJSON *v);
/* A column as a cJSON value (NULL column: NULL pointer). */
cJSON *wf_col_json(struct wf_stmt *s, int i);
/* Column i as text into dst ("" for NULL). Returns 0, or -1 when it did
 * not fit (dst holds what did): a value the commands never write. */
int wf_col_text(struct wf_stmt *s, int i, char *dst, size_t len);
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
struct wf_stmt *wf_sql_row(struct wf_store *st, const char *sql, const char *key,
                         int missing, const char *what, struct wf_err *e);
/* Append column 0 of the row to list: a wf_sql_each() callback for
 * lists of ids. */
void wf_col_push(cJSON *list, struct wf_stmt *s);
/* Add column i to obj under name unless it is NULL. */
void wf_col_add(cJSON *obj, const char *name, struct wf_stmt *s, int i);
/* Add every column of the row to obj under its name in the statement
 * (a column's own name, or its AS where the key differs: the SQL names
 * the record's keys), but NULLs. */
void wf_row_add(cJSON *obj, struct wf_stmt *s);
/* Append the row to list as an object, as wf_row_add makes it: a
 * wf_sql_each() callback. */
void wf_row_push(cJSON *list, struct wf_stmt *s);
long long wf_sql_last_id(struct wf_store *st);
/* The integer of the first row of sql (one text parameter, key): 0 when
 * there is no row, -1 on error with e set. For "the id of the X coded K". */
long long wf_sql_id(struct wf_store *st, const char *sql, const char *key,
                        struct wf_err *e);
/* Run sql with one parameter (text, or num when text is NULL) and hand
 * each row to fn with into. Returns 0 or a code. */
int wf_sql_each(struct wf_store *st, const char *sql, const char *text,
                long long num, void (*fn)(cJSON *, struct wf_stmt *),
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
                     const char *what, void (*fn)(cJSON *, struct wf_stmt *),
                     struct wf_err *e);
/* Step s (bound by the caller) and emit get(st, column 0) for each row;
 * WF_EX_NOMATCH with the message none when there was no row. For the
 * list subcommands. */
int wf_emit_rows(struct wf_ctx *ctx, struct wf_stmt *s,
                 cJSON *(*get)(struct wf_store *, const char *,
                               struct wf_err *),
                 const char *none, struct wf_err *e);
/* The same for a statement whose rows are the records whole: emit
 * make(s) for each. */
int wf_emit_made(struct wf_ctx *ctx, struct wf_stmt *s,
                 cJSON *(*make)(struct wf_stmt *), const char *none,
                 struct wf_err *e);
/* Rows written many at a time by one statement, sql, that reads them as
 * a JSON list bound to ?1 (json_each): on a server a round trip a batch,
 * not a row. Add row (taken over) to b, writing the batch once it is
 * full; write what b holds (0 when nothing); drop it unwritten. */
int wf_batch_add(struct wf_store *st, const char *sql, struct wf_batch *b,
                 cJSON *row, struct wf_err *e);
int wf_batch_flush(struct wf_store *st, const char *sql, struct wf_batch *b,
                   struct wf_err *e);
void wf_batch_drop(struct wf_batch *b);
/* Run the statements of sql in turn, each with ?1 bound to p1 where it
 * has one: a change that spans tables, done once. */
int wf_sql_exec_with(struct wf_store *st, const char *sql, long long p1,
                     struct wf_err *e);
/* Run statements without parameters (migrations). */
int wf_sql_exec(struct wf_store *st, const char *sql, struct wf_err *e);
/* ---- the store as a whole (store/sqlite/copy.c) ----------------------- */

/* A copy of st, one snapshot while others write, into path: a new file
 * (0600, refused if it exists) checked whole before it is kept. */
int wf_store_copy_out(struct wf_store *st, const char *path, struct wf_err *e);
/* st's content replaced with the store in file path (to be checked with
 * wf_store_file_info and wf_store_file_whole first). */
int wf_store_copy_in(struct wf_store *st, const char *path, struct wf_err *e);
/* What a store file is: its schema version, size and audit head ("" for
 * none). 0, or 66/77 when it cannot be read, 65 when it is not a
 * workflow store. */
struct wf_store_file {
	int version;
	double bytes;
	char head[80];
};
int wf_store_file_info(const char *path, struct wf_store_file *f,
                       struct wf_err *e);
/* 0 when the file passes the engine's integrity check, else 65 with
 * what the check found. */
int wf_store_file_whole(const char *path, struct wf_err *e);
/* The same of the open store: 0 and its size in pages, else 69 (the
 * store is damaged, with what to do). */
int wf_store_whole(struct wf_store *st, long *pages, struct wf_err *e);

/* After a store was loaded whole: let the engine learn what its planner
 * needs (PostgreSQL's statistics; nothing on SQLite, whose plans the
 * statements are written for). */
int wf_store_settle(struct wf_store *st, struct wf_err *e);

/* ---- agencies on a shared store (domain/scope.c, orggrant.c) ---------- */

/* Run sql, in the engine's own dialect, where the engine scopes rows by
 * database role (PostgreSQL's row-level security); nothing where one
 * store is one service's (SQLite). */
int wf_store_scope(struct wf_store *st, const char *sql, struct wf_err *e);
/* Whether this connection sees only part of the store. */
int wf_store_scoped(struct wf_store *st);
/* Let a database role read and write the store's tables (on), or no
 * longer: 0; 64 where the engine has no roles; 65 for a role the server
 * does not know; 77 for a user who may not grant. */
int wf_store_role(struct wf_store *st, const char *role, int on,
                  struct wf_err *e);

/* Apply the pending migrations (domain/schema.c). */
int wf_schema_migrate(struct wf_store *st, struct wf_err *e);

#endif
