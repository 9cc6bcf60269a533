/*
 * auditverify.c - the audit trail checked whole: the guards that keep it
 * append-only are in place as created, and every entry is sealed to the
 * one before it. The first entry changed, removed or inserted is named.
 * A chain rewritten from some entry to its end, or cut at its end, seals
 * again; what catches it is a head hash noted elsewhere earlier (--head),
 * which must still be found in the chain.
 */
#include <string.h>

#include "auditchain.h"

const char wf_audit_verify_columns[] = "id,entries,last,head,guards";

static const struct {
	const char *name;
	const char *sql;
} guards[] = {
	{ "audit_append_only_d", WF_SQL_AUDIT_GUARD_DELETE },
	{ "audit_append_only_u", WF_SQL_AUDIT_GUARD_UPDATE },
	{ "audit_chained", WF_SQL_AUDIT_GUARD_INSERT },
	{ "audit_cases_append_only_d", WF_SQL_AUDIT_CASE_GUARD_DELETE },
	{ "audit_cases_append_only_u", WF_SQL_AUDIT_CASE_GUARD_UPDATE },
};
#define NGUARDS ((int)(sizeof guards / sizeof guards[0]))

static const char SQL_AUDIT_GUARD[] =
	"SELECT sql FROM sqlite_master WHERE type = 'trigger'"
	" AND tbl_name IN ('audit', 'audit_cases') AND name = ?";

static int check_guards(struct wf_store *st, struct wf_err *e)
{
	for (int i = 0; i < NGUARDS; i++) {
		struct wf_stmt *s = wf_sql(st, SQL_AUDIT_GUARD, e);
		int step, same = 0;

		if (!s)
			return e->code;
		wf_bind_text(s, 1, guards[i].name);
		if ((step = wf_step(s)) == WF_ROW)
			same = wf_col_str(s, 0) &&
			       !strcmp(wf_col_str(s, 0),
			               guards[i].sql);
		wf_reset(s);
		if (step != WF_ROW && step != WF_DONE)
			return wf_sql_err(st, step, e);
		if (step == WF_DONE)
			return wf_err_set(e, WF_EX_DATAERR, "the audit trail's guard "
			                  "'%s' is missing: entries could be changed "
			                  "or deleted unseen", guards[i].name);
		if (!same)
			return wf_err_set(e, WF_EX_DATAERR, "the audit trail's guard "
			                  "'%s' is not as workflow made it",
			                  guards[i].name);
	}
	return 0;
}

/* Where the walk stands: the last two entries that chained, and one
 * whose seal failed, judged by the entry after it. */
struct walk {
	long long n, last, suspect;
	char hash[WF_SHA_HEX], before[WF_SHA_HEX], suspect_prev[WF_SHA_HEX];
	int head_seen;
};

static const char *col(struct wf_stmt *s, int i)
{
	return wf_col_str(s, i);
}

static int sealed(struct wf_stmt *s)
{
	struct wf_audit_entry a = { 0 };
	char hash[WF_SHA_HEX];

	a.id = wf_col_int64(s, AUDIT_ID);
	a.at = col(s, AUDIT_AT), a.operator_ = col(s, AUDIT_OPERATOR),
		a.login = col(s, AUDIT_LOGIN);
	a.command = col(s, AUDIT_COMMAND), a.action = col(s, AUDIT_ACTION),
		a.entity = col(s, AUDIT_ENTITY);
	a.entity_id = col(s, AUDIT_ENTITY_ID), a.case_id = col(s, AUDIT_CASE);
	a.person_id = wf_col_int64(s, AUDIT_PERSON);
	a.detail_sha = col(s, AUDIT_DETAIL_SHA), a.prev = col(s, AUDIT_PREV);
	wf_audit_hash(&a, hash);
	return col(s, AUDIT_HASH) && !strcmp(hash, col(s, AUDIT_HASH));
}

static const char SQL_AUDIT_ERASER[] =
	"SELECT person_id FROM audit WHERE id = ? AND action = 'erase'"
	" AND entity = 'person'";

/* The detail matches its hash, or was erased by an erasure of the person
 * it is about. */
static int detail_ok(struct wf_store *st, struct wf_stmt *s, struct wf_err *e)
{
	const char *d = col(s, AUDIT_DETAIL), *want = col(s, AUDIT_DETAIL_SHA);
	char sha[WF_SHA_HEX];
	struct wf_stmt *q;
	long long by = wf_col_int64(s, AUDIT_REDACTED_BY), who;

	if (wf_col_null(s, AUDIT_REDACTED_BY)) {
		wf_sha256_hex(d ? d : "", d ? strlen(d) : 0, sha);
		return want && !strcmp(sha, want) ? 1 : 0;
	}
	if (!(q = wf_sql(st, SQL_AUDIT_ERASER, e)))
		return -1;
	wf_bind_int64(q, 1, by);
	who = wf_step(q) == WF_ROW ? wf_col_int64(q, 0) : -1;
	wf_reset(q);
	return by > wf_col_int64(s, AUDIT_ID) && who > 0 &&
	       who == wf_col_int64(s, AUDIT_PERSON) ? 1 : 0;
}

static const char SQL_AUDIT_CASES_OF[] =
	"SELECT case_id FROM audit_cases WHERE audit_id = ? ORDER BY case_id";

/* An entry about many cases: the cases beside it are the ones its
 * detail sealed. */
static int cases_ok(struct wf_store *st, struct wf_stmt *s, struct wf_err *e)
{
	cJSON *d;
	char sha[WF_SHA_HEX];
	const cJSON *n, *want;
	long got;
	int ok;

	if (!col(s, AUDIT_ENTITY) || strcmp(col(s, AUDIT_ENTITY), "cases")
	    || !col(s, AUDIT_DETAIL))
		return 1;
	if (wf_audit_cases_sha(st, SQL_AUDIT_CASES_OF,
	                       wf_col_int64(s, AUDIT_ID), sha, &got,
		NULL, e))
		return -1;
	d = cJSON_Parse(col(s, AUDIT_DETAIL));
	n = cJSON_GetObjectItemCaseSensitive(d, "cases");
	want = cJSON_GetObjectItemCaseSensitive(d, "cases_sha");
	ok = cJSON_IsNumber(n) && n->valuedouble == (double)got &&
	     cJSON_IsString(want) && !strcmp(want->valuestring, sha);
	cJSON_Delete(d);
	return ok;
}

static int changed(long long id, const char *why, struct wf_err *e)
{
	return wf_err_set(e, WF_EX_DATAERR, "audit entry %lld was %s",
	                  (long long)id, _(why));
}

/* One entry in order; the first fault ends the walk. */
static int step_entry(struct wf_store *st, struct walk *w, struct wf_stmt *s,
                      const char *head, struct wf_err *e)
{
	long long id = wf_col_int64(s, AUDIT_ID);
	const char *prev = col(s, AUDIT_PREV) ? col(s, AUDIT_PREV) : "";
	int ok = sealed(s), d;

	if (w->suspect)   /* the one before failed its seal: which fault? */
		return changed(w->suspect, !strcmp(prev, w->suspect_prev)
		               ? N_("inserted: the entry after it chains past it")
		               : N_("changed: it no longer matches its seal"), e);
	if (id != w->last + 1)
		return id == w->last + 2
		       ? changed(w->last + 1, N_("removed"), e)
		       : wf_err_set(e, WF_EX_DATAERR, "audit entries %lld to %lld "
		                    "were removed", (long long)w->last + 1,
		                    (long long)id - 1);
	if (strcmp(prev, w->hash))
		return changed(w->last, !strcmp(prev, w->before)
		               ? N_("inserted: the entry after it chains past it")
		               : N_("changed: the entry after it was sealed to "
		                    "another"), e);
	if (ok && (d = detail_ok(st, s, e)) <= 0)
		return d < 0 ? e->code
		             : changed(id, N_("changed: its detail no longer "
		                          "matches its seal"), e);
	if (ok && (d = cases_ok(st, s, e)) <= 0)
		return d < 0 ? e->code
		             : changed(id, N_("changed: the cases beside it are "
		                          "not the ones it sealed"), e);
	if (!ok) {
		w->suspect = id;
		snprintf(w->suspect_prev, WF_SHA_HEX, "%s", w->hash);
	}
	memcpy(w->before, w->hash, WF_SHA_HEX);
	snprintf(w->hash, WF_SHA_HEX, "%s",
	         col(s, AUDIT_HASH) ? col(s, AUDIT_HASH) : "");
	if (head && !strcmp(head, w->hash))
		w->head_seen = 1;
	w->last = id;
	w->n++;
	return 0;
}

static const char SQL_AUDIT_ALL[] =
	"SELECT" AUDIT_COLUMNS " FROM audit ORDER BY id";

static int walk_chain(struct wf_store *st, struct walk *w, const char *head,
                      struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_AUDIT_ALL, e);
	int rc = 0, step = WF_DONE;

	if (!s)
		return e->code;
	memset(w, 0, sizeof *w);
	snprintf(w->hash, WF_SHA_HEX, "%s", WF_SQL_GENESIS);
	while (!rc && (step = wf_step(s)) == WF_ROW)
		rc = step_entry(st, w, s, head, e);
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(st, step, e);
	wf_reset(s);
	if (!rc && w->suspect)
		rc = changed(w->suspect, N_("changed or inserted: it does not "
		             "match its seal"), e);
	if (!rc && head && !w->head_seen)
		rc = wf_err_set(e, WF_EX_DATAERR, "the head %s noted earlier is "
		                "not in the chain: entries were removed from its "
		                "end or the chain was rewritten", head);
	return rc;
}

int wf_audit_verify(struct wf_ctx *ctx, const struct wf_audit_verify_opts *o,
                    struct wf_err *e)
{
	struct walk w;
	cJSON *r;
	int rc;

	/* A role that sees part of the trail would find every gap a break. */
	if (wf_store_scoped(ctx->st))
		return wf_err_set(e, WF_EX_NOPERM, "the audit trail of a shared "
		                  "store is verified by its owner: this role sees "
		                  "only its own cases' part of it");
	if ((rc = check_guards(ctx->st, e)) ||
	    (rc = walk_chain(ctx->st, &w, o ? o->head : NULL, e)))
		return rc;
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "audit_check");
	cJSON_AddStringToObject(r, "id", wf_store_file(ctx->st));
	cJSON_AddNumberToObject(r, "entries", (double)w.n);
	cJSON_AddNumberToObject(r, "last", (double)w.last);
	cJSON_AddStringToObject(r, "head", w.hash);
	cJSON_AddNumberToObject(r, "guards", NGUARDS);
	rc = wf_emit(ctx, r, e);
	cJSON_Delete(r);
	return rc;
}
