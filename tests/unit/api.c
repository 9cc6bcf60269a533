/*
 * api.c - the library called as another program would call it: a
 * context opened on a store of its own, no command line, the steps and
 * a list called with typed options, the records read back from the
 * output they were written to. If a domain call needed a struct wf_cli,
 * this would not build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

/* The end of a transaction: committed when the step went well. */
static int finish(struct wf_ctx *ctx, int rc, struct wf_err *e)
{
	if (rc) {
		wf_store_rollback(ctx->st);
		return rc;
	}
	return wf_store_commit(ctx->st, e);
}

/* Run fn on the record text json in a transaction of ctx's store. */
static int write_one(struct wf_ctx *ctx, const char *json,
                     int (*fn)(struct wf_ctx *, struct wf_record *,
                               struct wf_err *), struct wf_err *e)
{
	struct wf_record rec = { .file = "api.c" };
	int rc;

	if (!(rec.root = cJSON_Parse(json)))
		return wf_err_set(e, WF_EX_SOFTWARE, "bad JSON in the test");
	if (!(rc = wf_store_begin(ctx->st, e)))
		rc = finish(ctx, fn(ctx, &rec, e), e);
	wf_record_free(&rec);
	return rc;
}

/* wf_refer_screen, on a bare case id, in a transaction. */
static int screen(struct wf_ctx *ctx, const char *id,
                  const struct wf_refer_opts *o, struct wf_err *e)
{
	struct wf_record rec = { .file = "api.c" };
	int rc;

	rec.root = cJSON_CreateString(id);
	if (!(rc = wf_store_begin(ctx->st, e)))
		rc = finish(ctx, wf_refer_screen(ctx, o, &rec, e), e);
	wf_record_free(&rec);
	return rc;
}

/* The cases f lets through, as JSON Lines written by wf_case_list into
 * memory: a string to free. */
static char *list(struct wf_ctx *ctx, const struct wf_case_filter *f,
                  struct wf_err *e)
{
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);

	if (!mem)
		return NULL;
	CHECK_LONG(wf_ctx_output(ctx, mem, NULL, e), 0, e->msg);
	CHECK_LONG(wf_case_list(ctx, f, e), 0, e->msg);
	wf_out_close(ctx->out, e);
	ctx->out = NULL;
	fclose(mem);
	return out;
}

/* The value of key in the JSON line of out that has "id":"id". */
static const char *field_of(const char *out, const char *id, const char *key,
                            char *buf, size_t len)
{
	char *copy = out ? strdup(out) : NULL, *save = NULL;
	const char *found = NULL;

	for (char *l = copy ? strtok_r(copy, "\n", &save) : NULL; l && !found;
	     l = strtok_r(NULL, "\n", &save)) {
		cJSON *r = cJSON_Parse(l);
		const char *v = wf_json_str(r, "id");

		if (v && !strcmp(v, id) && (v = wf_json_str(r, key))) {
			snprintf(buf, len, "%s", v);
			found = buf;
		}
		cJSON_Delete(r);
	}
	free(copy);
	return found;
}

void check_api(void)
{
	char dir[] = "/tmp/wf-unit-XXXXXX", db[64], *out, val[64];
	struct wf_refer_opts screened = { "2026-11-02", "seen by the api", NULL };
	struct wf_case_filter all = { 0 }, rejected = { 0 };
	struct wf_ctx ctx;
	struct wf_err e = { 0 };

	rejected.status = "rejected";
	if (!CHECK(mkdtemp(dir) != NULL, "mkdtemp"))
		return;
	snprintf(db, sizeof db, "%s/store.db", dir);
	CHECK_LONG(wf_ctx_open(&ctx, "unit-api", db, WF_OPEN_CREATE, &e), 0,
	           e.msg);
	CHECK(ctx.cli == NULL, "a context with no command line");
	ctx.fmt = WF_FMT_JSON;
	ctx.quiet = 1;   /* the steps' records are not wanted here */

	CHECK_LONG(write_one(&ctx, "{\"id\":\"caritas\",\"name\":\"Caritas\","
	           "\"roles\":[\"referrer\"]}", wf_org_add, &e), 0, e.msg);
	CHECK_LONG(write_one(&ctx, "{\"programme\":\"p\",\"name\":\"P\","
	           "\"target\":{\"age\":{\"max\":34}},"
	           "\"placements\":[\"internship\"]}", wf_programme_load, &e),
	           0, e.msg);
	/* 1998: 28 on the day of referral; 1960: over the target's age */
	CHECK_LONG(write_one(&ctx, "{\"programme\":\"p\",\"date\":\"2026-11-01\","
	           "\"referrer\":\"caritas\",\"person\":{\"first_name\":\"Marco\","
	           "\"last_name\":\"Rossi\",\"birth_date\":\"1998-04-12\","
	           "\"employment_status\":\"unemployed\"}}", wf_refer_add, &e),
	           0, e.msg);
	CHECK_LONG(write_one(&ctx, "{\"programme\":\"p\",\"date\":\"2026-11-01\","
	           "\"referrer\":\"caritas\",\"person\":{\"first_name\":\"Ada\","
	           "\"last_name\":\"Alba\",\"birth_date\":\"1960-01-01\","
	           "\"employment_status\":\"unemployed\"}}", wf_refer_add, &e),
	           0, e.msg);
	CHECK_LONG(screen(&ctx, "2026-0001", &screened, &e), 0, e.msg);
	CHECK_LONG(screen(&ctx, "2026-0002", &screened, &e), 0, e.msg);
	/* a refused step: a case screened already */
	CHECK_LONG(screen(&ctx, "2026-0001", &screened, &e), WF_EX_DATAERR,
	           "screening twice");
	wf_err_clear(&e);

	ctx.quiet = 0;
	out = list(&ctx, &all, &e);
	CHECK_STR(field_of(out, "2026-0001", "status", val, sizeof val),
	          "screened", "the young person's case");
	CHECK_STR(field_of(out, "2026-0002", "status", val, sizeof val),
	          "rejected", "the case over the target's age");
	free(out);
	out = list(&ctx, &rejected, &e);
	CHECK(field_of(out, "2026-0001", "status", val, sizeof val) == NULL,
	      "a filter by status: the screened case is not listed");
	CHECK_STR(field_of(out, "2026-0002", "status", val, sizeof val),
	          "rejected", "a filter by status");
	free(out);

	CHECK_LONG(wf_ctx_finish(&ctx, &e), 0, e.msg);
	for (const char *const *x = (const char *const[]){ "", "-wal", "-shm",
	                                                    NULL }; *x; x++) {
		snprintf(db, sizeof db, "%s/store.db%s", dir, *x);
		unlink(db);
	}
	CHECK(rmdir(dir) == 0, "the store's folder left as found");
}
