/*
 * backup.c - a copy of the whole store, and the store brought back from
 * one. The copy is SQLite's online backup: one consistent snapshot taken
 * while other commands go on writing, into a new file (0600) that is
 * checked before it is given its name. A file is restored only when it
 * is a workflow store this build can read, passes SQLite's integrity
 * check, and its audit trail is whole; the store restored is upgraded
 * forward like any other. Both are audited.
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auditchain.h"
#include "sqlite.h"

const char wf_backup_columns[] = "kind,id,schema_version,bytes,head";

/* Copy every page of src into dst in one step, holding one snapshot. */
static int copy_db(sqlite3 *dst, sqlite3 *src, struct wf_store *st,
                   struct wf_err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc;

	if (!b)
		return wf_err_set(e, WF_EX_IOERR, "cannot copy the store: %s",
		                  sqlite3_errmsg(dst));
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return wf_sql_err(st, rc, e);
	return sqlite3_errcode(dst) == SQLITE_OK ? 0
	       : wf_err_set(e, WF_EX_IOERR, "cannot copy the store: %s",
	                    sqlite3_errmsg(dst));
}

/* The first row's first column of sql on db, as text into buf. */
static int first_text(sqlite3 *db, const char *sql, char *buf, size_t len)
{
	sqlite3_stmt *s;
	int rc = -1;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(buf, len, "%s", sqlite3_column_text(s, 0)
		                         ? (const char *)sqlite3_column_text(s, 0)
		                         : "");
		rc = 0;
	}
	sqlite3_finalize(s);
	return rc;
}

/* What was copied: kind, id, the other end of the copy (other: its key
 * and value), and the copy's schema, size and audit head. */
static cJSON *copy_record(const char *kind, const char *id, const char *other,
                          const char *where, sqlite3 *db)
{
	cJSON *r = cJSON_CreateObject();
	char v[80];

	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, other, where);
	first_text(db, "PRAGMA user_version", v, sizeof v);
	cJSON_AddNumberToObject(r, "schema_version", atoi(v));
	first_text(db, "SELECT c.page_count * s.page_size FROM"
	           " pragma_page_count() c, pragma_page_size() s", v, sizeof v);
	cJSON_AddNumberToObject(r, "bytes", atof(v));
	first_text(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", v,
	           sizeof v);
	cJSON_AddStringToObject(r, "head", v);
	return r;
}

/* Copy the store into tmp, a file created 0600 for it, and check it. */
static int backup_into(struct wf_ctx *ctx, const char *tmp, cJSON **out,
                       const char *file, struct wf_err *e)
{
	sqlite3 *dst = NULL;
	char ok[64];
	int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL, 0600), rc;

	if (fd < 0)
		return wf_err_set(e, errno == EACCES ? WF_EX_NOPERM : WF_EX_CANTCREAT,
		                  "cannot create '%s': %s", tmp, strerror(errno));
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = wf_err_set(e, WF_EX_CANTCREAT, "cannot open '%s': %s", tmp,
		                sqlite3_errmsg(dst));
	else if (!(rc = copy_db(dst, wf_sqlite_db(ctx->st), ctx->st, e)) &&
	         (first_text(dst, "PRAGMA quick_check", ok, sizeof ok) ||
	          strcmp(ok, "ok")))
		rc = wf_err_set(e, WF_EX_IOERR, "the copy in '%s' fails its check: "
		                "%s", tmp, ok);
	if (!rc)
		*out = copy_record("backup", file, "store", wf_store_file(ctx->st),
		                   dst);
	sqlite3_close(dst);
	return rc;
}

int wf_backup(struct wf_ctx *ctx, const char *file, struct wf_err *e)
{
	char tmp[4200];
	cJSON *out = NULL, *detail;
	int rc;

	if (access(file, F_OK) == 0)
		return wf_err_set(e, WF_EX_CANTCREAT, "'%s' exists: a backup never "
		                  "overwrites a file", file);
	/* The copy takes a snapshot of its own, and the audit a transaction:
	 * end the one the reading command began with. */
	wf_store_rollback(ctx->st);
	snprintf(tmp, sizeof tmp, "%s.part", file);
	if ((rc = backup_into(ctx, tmp, &out, file, e)) ||
	    (rename(tmp, file) < 0 &&
	     (rc = wf_err_set(e, WF_EX_CANTCREAT, "cannot name the copy '%s': %s",
	                      file, strerror(errno))))) {
		unlink(tmp);
		cJSON_Delete(out);
		return rc;
	}
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "file", file);
	cJSON_AddItemToObject(detail, "head", cJSON_Duplicate(
		cJSON_GetObjectItemCaseSensitive(out, "head"), 1));
	if (!(rc = wf_audit_apart(ctx, "backup", "store", file, 0, detail, e)))
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(detail);
	cJSON_Delete(out);
	return rc;
}

/* ---- restore ----------------------------------------------------------- */

/* What a file must be to be restored: a workflow store this build can
 * read, whole by SQLite's own check. */
static int check_file(const char *file, struct wf_err *e)
{
	sqlite3 *db = NULL;
	char v[256];
	int rc = 0, version;

	if (access(file, R_OK) < 0)
		return wf_err_set(e, errno == ENOENT ? WF_EX_NOINPUT : WF_EX_NOPERM,
		                  "cannot read '%s': %s", file, strerror(errno));
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    first_text(db, "PRAGMA application_id", v, sizeof v))
		rc = wf_err_set(e, WF_EX_DATAERR, "'%s' is not a workflow store",
		                file);
	else if (atoi(v) != WF_APP_ID)
		rc = wf_err_set(e, WF_EX_DATAERR, "'%s' is not a workflow store",
		                file);
	else if (first_text(db, "PRAGMA user_version", v, sizeof v) ||
	         (version = atoi(v)) > wf_schema_latest())
		rc = wf_err_set(e, WF_EX_DATAERR, "'%s' is a store of schema "
		                "version %s, newer than this build knows (%d): "
		                "upgrade workflow first", file, v, wf_schema_latest());
	else if (first_text(db, "PRAGMA integrity_check", v, sizeof v) ||
	         strcmp(v, "ok")) {
		for (char *p = v; *p; p++)   /* one line for a message */
			*p = *p == '\n' ? ' ' : *p;
		rc = wf_err_set(e, WF_EX_DATAERR, "'%s' fails its integrity check: "
		                "%s", file, *v ? v : sqlite3_errmsg(db));
	}
	sqlite3_close(db);
	return rc;
}

int wf_restore_check(const char *db_opt, const char *file, int force,
                     struct wf_err *e)
{
	char path[4096];
	int rc;

	if ((rc = wf_store_path(db_opt, path, sizeof path, e)))
		return rc;
	if (!force && access(path, F_OK) == 0)
		return wf_err_set(e, WF_EX_CANTCREAT, "there is a store at '%s' "
		                  "already: restore over it with --force", path);
	return check_file(file, e);
}

int wf_restore(struct wf_ctx *ctx, const char *file, struct wf_err *e)
{
	sqlite3 *src = NULL;
	cJSON *out, *detail;
	int rc;

	wf_store_rollback(ctx->st);   /* the copy writes the whole store */
	if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = wf_err_set(e, WF_EX_NOINPUT, "cannot open '%s'", file);
	else
		rc = copy_db(wf_sqlite_db(ctx->st), src, ctx->st, e);
	sqlite3_close(src);
	if (rc || (rc = wf_schema_migrate(ctx->st, e)))
		return rc;
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "file", file);
	rc = wf_audit_apart(ctx, "restore", "store", file, 0, detail, e);
	cJSON_Delete(detail);
	if (rc)
		return rc;
	out = copy_record("restore", wf_store_file(ctx->st), "from", file,
	                  wf_sqlite_db(ctx->st));
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

const char wf_store_check_columns[] = "id,schema_version,pages,integrity";

int wf_store_check(struct wf_ctx *ctx, struct wf_err *e)
{
	sqlite3 *db = wf_sqlite_db(ctx->st);
	char v[512], pages[32];
	cJSON *r;
	int rc;

	if (first_text(db, "PRAGMA integrity_check", v, sizeof v) < 0)
		return wf_sql_err(ctx->st, sqlite3_errcode(db), e);
	if (strcmp(v, "ok"))
		return wf_store_damaged(ctx->st, v, e);
	first_text(db, "PRAGMA page_count", pages, sizeof pages);
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "store_check");
	cJSON_AddStringToObject(r, "id", wf_store_file(ctx->st));
	cJSON_AddNumberToObject(r, "schema_version", wf_store_version(ctx->st));
	cJSON_AddNumberToObject(r, "pages", atof(pages));
	cJSON_AddStringToObject(r, "integrity", "ok");
	rc = wf_emit(ctx, r, e);
	cJSON_Delete(r);
	return rc;
}
