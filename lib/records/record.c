/*
 * record.c - the in-memory record shared by the YAML and JSON readers: a
 * cJSON tree, and where each field stood in the input. YAML positions are
 * recorded while parsing (libyaml gives them for free); JSON positions are
 * found only when a message needs one, by walking the record's text.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wf.h"

int wf_record_addpos(struct wf_record *rec, const cJSON *item, long line,
                     long col)
{
	if (rec->npos == rec->cappos) {
		size_t cap = rec->cappos ? rec->cappos * 2 : 32;
		struct wf_pos *p = realloc(rec->pos, cap * sizeof *p);

		if (!p)
			return -1;
		rec->pos = p;
		rec->cappos = cap;
	}
	rec->pos[rec->npos++] = (struct wf_pos){ item, line, col };
	return 0;
}

void wf_text_advance(const char *text, size_t n, long *line, long *col)
{
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

void wf_record_where(const struct wf_record *rec, const cJSON *item,
                     long *line, long *col)
{
	size_t off;

	*line = rec->line;
	*col = rec->col;
	if (!item)
		return;
	for (size_t i = 0; i < rec->npos; i++) {
		if (rec->pos[i].item == item) {
			*line = rec->pos[i].line;
			*col = rec->pos[i].col;
			return;
		}
	}
	if (rec->text && wf_json_locate(rec->text, rec->textlen, rec->root,
	                                item, &off) == 0)
		wf_text_advance(rec->text, off < rec->textlen ? off : rec->textlen,
		                line, col);
}

int wf_record_err(const struct wf_record *rec, const cJSON *item,
                  const char *field, struct wf_err *e, int code,
                  const char *fmt, ...)
{
	va_list ap;

	if (rec) {
		snprintf(e->file, sizeof e->file, "%s", rec->file ? rec->file : "");
		wf_record_where(rec, item, &e->line, &e->col);
	}
	wf_err_field(e, field);
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, _(fmt), ap);
	va_end(ap);
	return code;
}

int wf_record_at(const struct wf_record *rec, const cJSON *item,
                 const char *field, struct wf_err *e)
{
	snprintf(e->file, sizeof e->file, "%s", rec->file ? rec->file : "");
	wf_record_where(rec, item, &e->line, &e->col);
	wf_err_field(e, field);
	return e->code;
}

void wf_record_reset(struct wf_record *rec)
{
	cJSON_Delete(rec->root);
	rec->root = NULL;
	rec->npos = 0;
	rec->text = NULL;
	rec->textlen = 0;
	rec->line = rec->col = 0;
}

void wf_record_free(struct wf_record *rec)
{
	wf_record_reset(rec);
	free(rec->pos);
	rec->pos = NULL;
	rec->cappos = 0;
}

int wf_grow(void *v, int *cap, int n, size_t size)
{
	void **pv = v, *q;
	int c;

	if (n < *cap)
		return 0;
	if (*cap > INT_MAX / 2 || (size_t)(*cap ? *cap * 2 : 16) > SIZE_MAX / size)
		return -1;
	c = *cap ? *cap * 2 : 16;
	if (!(q = realloc(*pv, (size_t)c * size)))
		return -1;
	*pv = q;
	*cap = c;
	return 0;
}

int wf_whole(double d)
{
	return d >= -9007199254740992.0 && d <= 9007199254740992.0 &&
	       d == (double)(long long)d;
}

void wf_json_addf(cJSON *list, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, _(fmt), ap);
	va_end(ap);
	cJSON_AddItemToArray(list, cJSON_CreateString(buf));
}

void wf_json_count(cJSON *obj, const char *key, double n)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v)
		cJSON_SetNumberValue(v, v->valuedouble + n);
	else
		cJSON_AddNumberToObject(obj, key, n);
}

cJSON *wf_json_split(const char *text, char sep)
{
	cJSON *list = cJSON_CreateArray();
	const char *p = text, *end;

	for (; *p; p = *end ? end + 1 : end) {
		end = strchr(p, sep);
		if (!end)
			end = p + strlen(p);
		if (end > p) {
			char *item = strndup(p, (size_t)(end - p));

			cJSON_AddItemToArray(list, cJSON_CreateString(item));
			free(item);
		}
	}
	return list;
}

const char *wf_json_str(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

const cJSON *wf_json_path(const cJSON *obj, const char *path)
{
	char key[128];
	const char *dot;

	while (obj && (dot = strchr(path, '.'))) {
		size_t n = (size_t)(dot - path);

		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		obj = cJSON_GetObjectItemCaseSensitive(obj, key);
		path = dot + 1;
	}
	return obj ? cJSON_GetObjectItemCaseSensitive(obj, path) : NULL;
}
