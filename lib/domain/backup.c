/*
 * backup.c - a copy of the whole store, and the store brought back from
 * one. The copy is one consistent snapshot taken while other commands go
 * on writing, into a new file (0600) that is checked before it is given
 * its name. A file is restored only when it is a workflow store this
 * build can read, passes the engine's integrity check, and its audit
 * trail is whole; the store restored is upgraded forward like any other.
 * Both are audited. The engine does the copying (store/sqlite/copy.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auditchain.h"

const char wf_backup_columns[] = "kind,id,schema_version,bytes,head";

/* What was copied: kind, id, the other end of the copy (other: its key
 * and value), and the copy's schema, size and audit head (file). */
static int copy_record(const char *kind, const char *id, const char *other,
                       const char *where, const char *file, cJSON **out,
                       struct wf_err *e)
{
	struct wf_store_file f;
	cJSON *r;
	int rc;

	if ((rc = wf_store_file_info(file, &f, e)))
		return rc;
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, other, where);
	cJSON_AddNumberToObject(r, "schema_version", f.version);
	cJSON_AddNumberToObject(r, "bytes", f.bytes);
	cJSON_AddStringToObject(r, "head", f.head);
	*out = r;
	return 0;
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
	if ((rc = wf_store_copy_out(ctx->st, tmp, e)) ||
	    (rc = copy_record("backup", file, "store", wf_store_file(ctx->st),
	                      tmp, &out, e)) ||
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
 * read, whole by the engine's own check. */
static int check_file(const char *file, struct wf_err *e)
{
	struct wf_store_file f;
	int rc;

	if ((rc = wf_store_file_info(file, &f, e)))
		return rc;
	if (f.version > wf_schema_latest())
		return wf_err_set(e, WF_EX_DATAERR, "'%s' is a store of schema "
		                  "version %d, newer than this build knows (%d): "
		                  "upgrade workflow first", file, f.version,
		                  wf_schema_latest());
	return wf_store_file_whole(file, e);
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
	cJSON *out = NULL, *detail;
	int rc;

	wf_store_rollback(ctx->st);   /* the copy writes the whole store */
	if ((rc = wf_store_copy_in(ctx->st, file, e)) ||
	    (rc = wf_schema_migrate(ctx->st, e)))
		return rc;
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "file", file);
	rc = wf_audit_apart(ctx, "restore", "store", file, 0, detail, e);
	cJSON_Delete(detail);
	if (rc || (rc = copy_record("restore", wf_store_file(ctx->st), "from",
	                            file, wf_store_file(ctx->st), &out, e)))
		return rc;
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

const char wf_store_check_columns[] = "id,schema_version,pages,integrity";

int wf_store_check(struct wf_ctx *ctx, struct wf_err *e)
{
	long pages = 0;
	cJSON *r;
	int rc;

	if ((rc = wf_store_whole(ctx->st, &pages, e)))
		return rc;
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "store_check");
	cJSON_AddStringToObject(r, "id", wf_store_file(ctx->st));
	cJSON_AddNumberToObject(r, "schema_version", wf_store_version(ctx->st));
	cJSON_AddNumberToObject(r, "pages", (double)pages);
	cJSON_AddStringToObject(r, "integrity", "ok");
	rc = wf_emit(ctx, r, e);
	cJSON_Delete(r);
	return rc;
}
