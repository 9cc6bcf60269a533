/*
 * store.c - what the modules build on the store's statement interface
 * (store.h), whatever the engine beneath: values bound from records and
 * read back as records, a statement's first row, each row, an id, a
 * record. Nothing here speaks an engine's API; lib/store/sqlite/ does.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

void wf_bind_json(struct wf_stmt *s, int i, const cJSON *v)
{
	char *txt;

	if (!v || cJSON_IsNull(v)) {
		wf_bind_null(s, i);
	} else if (cJSON_IsString(v)) {
		wf_bind_text(s, i, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		if (wf_whole(v->valuedouble))
			wf_bind_int64(s, i, (long long)v->valuedouble);
		else
			wf_bind_double(s, i, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		wf_bind_int(s, i, cJSON_IsTrue(v));
	} else if ((txt = cJSON_PrintUnformatted(v))) {
		wf_bind_text(s, i, txt);   /* copied */
		free(txt);
	} else {
		wf_bind_null(s, i);
	}
}

cJSON *wf_col_json(struct wf_stmt *s, int i)
{
	switch (wf_col_type(s, i)) {
	case WF_COL_INT:
		return cJSON_CreateNumber((double)wf_col_int64(s, i));
	case WF_COL_REAL:
		return cJSON_CreateNumber(wf_col_double(s, i));
	case WF_COL_TEXT:
		return cJSON_CreateString(wf_col_str(s, i));
	case WF_COL_BLOB:   /* the schema keeps none */
	case WF_COL_NULL:
		break;
	}
	return NULL;
}

int wf_col_text(struct wf_stmt *s, int i, char *dst, size_t len)
{
	const char *v = wf_col_str(s, i);
	int n = snprintf(dst, len, "%s", v ? v : "");

	return n >= 0 && (size_t)n < len ? 0 : -1;
}

int wf_stored_bad(struct wf_err *e, const char *what, const char *kind,
                  const char *id)
{
	if (!id)
		return wf_err_set(e, WF_EX_DATAERR, "a %s: the stored %s is not what "
		                  "the commands write (the store was changed by "
		                  "other means): run 'wf store check', or restore "
		                  "it from a backup", kind, _(what));
	return wf_err_set(e, WF_EX_DATAERR, "%s '%.48s': the stored %s is not "
	                  "what the commands write (the store was changed by "
	                  "other means): run 'wf store check', or restore it "
	                  "from a backup", kind, id, _(what));
}

int wf_stored_date(const char *text, int optional, wf_day *d)
{
	if (optional && (!text || !*text))
		return 0;
	return wf_date_parse(text, d) ? -1 : 0;
}

struct wf_stmt *wf_sql_row(struct wf_store *st, const char *sql, const char *key,
                         int missing, const char *what, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	int rc;

	if (!s)
		return NULL;
	wf_bind_text(s, 1, key);
	if ((rc = wf_step(s)) == WF_ROW)
		return s;
	wf_reset(s);
	if (rc == WF_DONE)
		wf_err_set(e, missing, "%s '%s' not found", what, key);
	else
		wf_sql_err(st, rc, e);
	return NULL;
}

void wf_col_push(cJSON *list, struct wf_stmt *s)
{
	cJSON_AddItemToArray(list, wf_col_json(s, 0));
}

void wf_col_add(cJSON *obj, const char *name, struct wf_stmt *s, int i)
{
	cJSON *v = wf_col_json(s, i);

	if (v)
		cJSON_AddItemToObject(obj, name, v);
}

void wf_row_add(cJSON *obj, struct wf_stmt *s)
{
	int n = wf_col_count(s);

	for (int i = 0; i < n; i++)
		wf_col_add(obj, wf_col_name(s, i), s, i);
}

void wf_row_push(cJSON *list, struct wf_stmt *s)
{
	cJSON *o = cJSON_CreateObject();

	wf_row_add(o, s);
	cJSON_AddItemToArray(list, o);
}

long long wf_sql_id(struct wf_store *st, const char *sql, const char *key,
                        struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	long long id = 0;
	int rc;

	if (!s)
		return -1;
	wf_bind_text(s, 1, key);
	if ((rc = wf_step(s)) == WF_ROW)
		id = wf_col_int64(s, 0);
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(st, rc, e), -1;
	return id;
}

int wf_sql_each(struct wf_store *st, const char *sql, const char *text,
                long long num, void (*fn)(cJSON *, struct wf_stmt *),
                cJSON *into, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	int rc;

	if (!s)
		return e->code;
	if (text)
		wf_bind_text(s, 1, text);
	else
		wf_bind_int64(s, 1, num);
	while ((rc = wf_step(s)) == WF_ROW)
		fn(into, s);
	wf_reset(s);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

long long wf_id_number(const char *id, const char *what, struct wf_err *e)
{
	char *end;
	long long n = strtoll(id, &end, 10);

	if (!*id || *end || n <= 0) {
		wf_err_set(e, WF_EX_DATAERR, "'%s' is not a %s number", id, what);
		return 0;
	}
	return n;
}

int wf_sql_text(struct wf_store *st, const char *sql, const char *a,
                const char *b, char *out, size_t len, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	int step;

	out[0] = '\0';
	if (!s)
		return e->code;
	wf_bind_text(s, 1, a);
	if (b)
		wf_bind_text(s, 2, b);
	if ((step = wf_step(s)) == WF_ROW)
		wf_col_text(s, 0, out, len);
	wf_reset(s);
	return step == WF_ROW || step == WF_DONE ? 0
	                                                 : wf_sql_err(st, step, e);
}

cJSON *wf_sql_record(struct wf_store *st, const char *sql, const char *id,
                     const char *what, void (*fn)(cJSON *, struct wf_stmt *),
                     struct wf_err *e)
{
	long long n = wf_id_number(id, what, e);
	cJSON *r;

	if (!n)
		return NULL;
	r = cJSON_CreateObject();
	if (wf_sql_each(st, sql, NULL, n, fn, r, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	if (!r->child) {
		wf_err_set(e, WF_EX_NOMATCH, "%s %lld not found", what, n);
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

int wf_batch_add(struct wf_store *st, const char *sql, struct wf_batch *b,
                 cJSON *row, struct wf_err *e)
{
	if (!row || (!b->rows && !(b->rows = cJSON_CreateArray()))) {
		cJSON_Delete(row);
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	}
	cJSON_AddItemToArray(b->rows, row);
	return ++b->n < WF_BATCH_ROWS ? 0 : wf_batch_flush(st, sql, b, e);
}

int wf_batch_flush(struct wf_store *st, const char *sql, struct wf_batch *b,
                   struct wf_err *e)
{
	struct wf_stmt *s;
	int rc;

	if (!b->n)
		return 0;
	if (!(s = wf_sql(st, sql, e)))
		return e->code;
	wf_bind_json(s, 1, b->rows);
	rc = wf_sql_done(st, s, e);
	wf_batch_drop(b);
	return rc;
}

void wf_batch_drop(struct wf_batch *b)
{
	cJSON_Delete(b->rows);
	b->rows = NULL;
	b->n = 0;
}
