/*
 * copy.c - what only SQLite does for a store as a whole: a copy taken
 * with SQLite's online backup (one consistent snapshot while other
 * commands go on writing) into a new file that is checked before it is
 * kept, a store's content replaced by a file's, a file told to be a
 * workflow store, and SQLite's integrity check. domain/backup.c makes
 * wf backup, restore and store check of these.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sqlite.h"

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

int wf_sqlite_text(sqlite3 *db, const char *sql, char *buf, size_t len)
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

int wf_sqlite_copy_out(struct wf_store *st, const char *path, struct wf_err *e)
{
	sqlite3 *dst = NULL;
	char ok[64];
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600), rc;

	if (fd < 0)
		return wf_err_set(e, errno == EACCES ? WF_EX_NOPERM : WF_EX_CANTCREAT,
		                  "cannot create '%s': %s", path, strerror(errno));
	close(fd);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = wf_err_set(e, WF_EX_CANTCREAT, "cannot open '%s': %s", path,
		                sqlite3_errmsg(dst));
	else if (!(rc = copy_db(dst, wf_sqlite_db(st), st, e)) &&
	         (wf_sqlite_text(dst, "PRAGMA quick_check", ok, sizeof ok) ||
	          strcmp(ok, "ok")))
		rc = wf_err_set(e, WF_EX_IOERR, "the copy in '%s' fails its check: "
		                "%s", path, ok);
	sqlite3_close(dst);
	return rc;
}

int wf_sqlite_copy_in(struct wf_store *st, const char *path, struct wf_err *e)
{
	sqlite3 *src = NULL;
	int rc;

	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = wf_err_set(e, WF_EX_NOINPUT, "cannot open '%s'", path);
	else
		rc = copy_db(wf_sqlite_db(st), src, st, e);
	sqlite3_close(src);
	return rc;
}

int wf_sqlite_file_info(const char *path, struct wf_store_file *f,
                       struct wf_err *e)
{
	sqlite3 *db = NULL;
	char v[256];
	int rc = 0;

	memset(f, 0, sizeof *f);
	if (access(path, R_OK) < 0)
		return wf_err_set(e, errno == ENOENT ? WF_EX_NOINPUT : WF_EX_NOPERM,
		                  "cannot read '%s': %s", path, strerror(errno));
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    wf_sqlite_text(db, "PRAGMA application_id", v, sizeof v) ||
	    atoi(v) != WF_APP_ID)
		rc = wf_err_set(e, WF_EX_DATAERR, "'%s' is not a workflow store",
		                path);
	else {
		wf_sqlite_text(db, "PRAGMA user_version", v, sizeof v);
		f->version = atoi(v);
		wf_sqlite_text(db, "SELECT c.page_count * s.page_size FROM"
		           " pragma_page_count() c, pragma_page_size() s", v,
		           sizeof v);
		f->bytes = atof(v);
		/* a store of no audit yet (none written) has no head */
		wf_sqlite_text(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1",
		           f->head, sizeof f->head);
	}
	sqlite3_close(db);
	return rc;
}

int wf_sqlite_file_whole(const char *path, struct wf_err *e)
{
	sqlite3 *db = NULL;
	char v[256];
	int rc = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    wf_sqlite_text(db, "PRAGMA integrity_check", v, sizeof v) ||
	    strcmp(v, "ok")) {
		for (char *p = v; *p; p++)   /* one line for a message */
			*p = *p == '\n' ? ' ' : *p;
		rc = wf_err_set(e, WF_EX_DATAERR, "'%s' fails its integrity check: "
		                "%s", path, *v ? v : sqlite3_errmsg(db));
	}
	sqlite3_close(db);
	return rc;
}

int wf_sqlite_whole(struct wf_store *st, long *pages, struct wf_err *e)
{
	sqlite3 *db = wf_sqlite_db(st);
	char v[512], n[32];

	if (wf_sqlite_text(db, "PRAGMA integrity_check", v, sizeof v) < 0)
		return wf_sql_err(st, sqlite3_errcode(db), e);
	if (strcmp(v, "ok"))
		return wf_store_damaged(st, v, e);
	wf_sqlite_text(db, "PRAGMA page_count", n, sizeof n);
	*pages = atol(n);
	return 0;
}
