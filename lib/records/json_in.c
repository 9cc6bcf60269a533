/*
 * json_in.c - JSON read one value at a time: a single object, a stream of
 * objects (JSON Lines, or pretty-printed ones one after another), or the
 * elements of a top-level array. The buffer holds one record, not the
 * input, so memory stays flat however long the stream is. cJSON parses
 * each value; this file only finds where each one ends.
 */
#include <stdlib.h>
#include <string.h>

#include "wf.h"

struct wf_src {
	FILE *f;
	const char *name;
	char *buf;
	size_t len, cap, pos;  /* buf[pos..len) is not consumed yet */
	long line, col;        /* position of buf[pos] */
	int eof;
	int array;             /* 0 before, 1 inside a top-level array, 2 after */
	int need_sep;          /* inside the array, after an element */
};

struct wf_src *wf_json_open(FILE *f, const char *name, const char *prefix,
                            size_t plen)
{
	struct wf_src *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->cap = plen > 65536 ? plen : 65536;
	s->buf = malloc(s->cap + 1);
	if (!s->buf) {
		free(s);
		return NULL;
	}
	memcpy(s->buf, prefix, plen);
	s->len = plen;
	s->f = f;
	s->name = name;
	s->line = s->col = 1;
	return s;
}

/* Read more input, keeping buf[pos..len); grows the buffer when the
 * unconsumed part already fills it. Returns bytes read (0 at the end). */
static size_t fill(struct wf_src *s)
{
	size_t n;

	if (s->eof)
		return 0;
	if (s->pos > 0) {
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->pos = 0;
	}
	if (s->len == s->cap) {
		char *nb = realloc(s->buf, s->cap * 2 + 1);

		if (!nb)
			return 0;
		s->buf = nb;
		s->cap *= 2;
	}
	n = fread(s->buf + s->len, 1, s->cap - s->len, s->f);
	if (n == 0)
		s->eof = 1;
	s->len += n;
	return n;
}

static void advance(struct wf_src *s, size_t n)
{
	wf_text_advance(s->buf + s->pos, n, &s->line, &s->col);
	s->pos += n;
}

/* The next byte that is not white space, or -1 at the end. */
static int peek(struct wf_src *s)
{
	for (;;) {
		while (s->pos < s->len) {
			char c = s->buf[s->pos];

			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				return (unsigned char)c;
			advance(s, 1);
		}
		if (!fill(s))
			return -1;
	}
}

/* Length of the complete value at buf[pos], or 0 when more input is
 * needed to see its end. */
static size_t value_end(const struct wf_src *s)
{
	const char *p = s->buf + s->pos, *end = s->buf + s->len;
	int depth = 0, str = 0;

	if (*p != '{' && *p != '[' && *p != '"') {
		for (const char *q = p; q < end; q++)
			if (strchr(" \t\r\n,]}", *q))
				return (size_t)(q - p);
		return s->eof ? (size_t)(end - p) : 0;
	}
	for (const char *q = p; q < end; q++) {
		if (str) {
			if (*q == '\\')
				q++;
			else if (*q == '"')
				str = 0;
			if (!str && depth == 0)
				return (size_t)(q - p) + 1;
			continue;
		}
		if (*q == '"')
			str = 1;
		else if (*q == '{' || *q == '[')
			depth++;
		else if ((*q == '}' || *q == ']') && --depth == 0)
			return (size_t)(q - p) + 1;
	}
	return s->eof ? (size_t)(end - p) : 0;
}

static int syntax(struct wf_src *s, struct wf_record *rec, size_t off,
                  const char *what, struct wf_err *e)
{
	rec->line = s->line;
	rec->col = s->col;
	wf_record_err(rec, NULL, "", e, WF_EX_DATAERR, "%s", _(what));
	wf_text_advance(s->buf + s->pos, off < s->len - s->pos ? off : s->len - s->pos,
	                &e->line, &e->col);
	return -1;
}

/* In a top-level array: skip the separator before the next element.
 * Returns 1 when an element follows, 0 at the array's end, -1 on error. */
static int array_step(struct wf_src *s, struct wf_record *rec,
                      struct wf_err *e)
{
	int c = peek(s);

	if (c == ']') {
		advance(s, 1);
		s->array = 2;
		return 0;
	}
	if (s->need_sep) {
		if (c != ',')
			return syntax(s, rec, 0, N_("expected ',' or ']' in the array"), e);
		advance(s, 1);
		if (peek(s) == ']')
			return syntax(s, rec, 0, N_("a value must follow ','"), e);
	}
	if (peek(s) < 0)
		return syntax(s, rec, 0, N_("the array is not closed"), e);
	return 1;
}

/* The length of the UTF-8 sequence at p (up to end), 0 when it is not
 * one: overlong forms, surrogates and code points past U+10FFFF too. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t n = *p < 0x80 ? 1 : *p >= 0xC2 && *p <= 0xDF ? 2
	         : *p >= 0xE0 && *p <= 0xEF ? 3 : *p >= 0xF0 && *p <= 0xF4 ? 4
	         : 0;

	if (!n || (size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((*p == 0xE0 && p[1] < 0xA0) || (*p == 0xED && p[1] > 0x9F) ||
	    (*p == 0xF0 && p[1] < 0x90) || (*p == 0xF4 && p[1] > 0x8F))
		return 0;
	return n;
}

/* What the text of a record may not hold, which cJSON would take or cut:
 * bytes that are not UTF-8, control characters, and a NUL written as
 * \u0000 (it would end the text there). Returns the offset of the fault
 * and its description, or NULL. */
static const char *bad_text(const char *text, size_t len, size_t *off)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	int str = 0;
	size_t n;

	for (const unsigned char *q = p; q < end; q += n) {
		*off = (size_t)(q - p);
		if (!(n = utf8_len(q, end)))
			return N_("not UTF-8");
		if (*q < 0x20 && (str || (*q != ' ' && *q != '\t' && *q != '\n' &&
		                          *q != '\r')))
			return N_("a control character (write it escaped, or leave it "
			       "out)");
		if (*q == '"')
			str = !str;
		else if (str && *q == '\\' && q + 1 < end) {
			if (end - q >= 6 && !memcmp(q + 1, "u0000", 5))
				return N_("a NUL character in text");
			n = 2;
		}
	}
	return NULL;
}

/* The bounds of a record, and keys given once: cJSON would keep both
 * values of a key given twice, and the first would win unseen. */
static int bounded(struct wf_record *rec, const cJSON *n, int depth,
                   long *nodes, struct wf_err *e)
{
	long keys = 0;

	if (++*nodes > WF_MAX_NODES)
		return wf_record_err(rec, n, "", e, WF_EX_DATAERR, "%s",
		                     _(WF_TOO_MANY_VALUES));
	if (depth > WF_MAX_DEPTH)
		return wf_record_err(rec, n, "", e, WF_EX_DATAERR, "%s",
		                     _(WF_TOO_DEEP));
	if (cJSON_IsString(n) && strlen(n->valuestring) > (size_t)WF_MAX_SCALAR)
		return wf_record_err(rec, n, "", e, WF_EX_DATAERR, "%s",
		                     _(WF_TOO_LONG));
	for (const cJSON *c = n->child; c; c = c->next) {
		if (cJSON_IsObject(n)) {
			if (++keys > WF_MAX_KEYS)
				return wf_record_err(rec, c, "", e, WF_EX_DATAERR,
				                     "%s", _(WF_TOO_MANY_KEYS));
			for (const cJSON *d = n->child; d != c; d = d->next)
				if (!strcmp(d->string, c->string))
					return wf_record_err(rec, c, "", e, WF_EX_DATAERR,
					                     "key '%.200s' appears twice",
					                     c->string);
		}
		if (bounded(rec, c, depth + 1, nodes, e))
			return e->code;
	}
	return 0;
}

int wf_json_next(struct wf_src *s, struct wf_record *rec, struct wf_err *e)
{
	const char *why;
	size_t at;
	long nodes = 0;
	const char *endp = NULL;
	size_t n;
	int c;

	wf_record_reset(rec);
	rec->file = s->name;
	c = peek(s);
	if (c == '[' && s->array == 0) {
		advance(s, 1);
		s->array = 1;
	}
	if (s->array == 1) {
		int r = array_step(s, rec, e);

		if (r <= 0)
			return r;
	}
	if (peek(s) < 0)
		return 0;
	while ((n = value_end(s)) == 0) {
		if (s->len - s->pos > (size_t)WF_MAX_RECORD)
			return syntax(s, rec, 0, WF_RECORD_TOO_LONG, e);
		if (!fill(s))
			break;
	}
	if (n == 0)
		n = s->len - s->pos;
	if (n > (size_t)WF_MAX_RECORD)
		return syntax(s, rec, 0, WF_RECORD_TOO_LONG, e);
	if ((why = bad_text(s->buf + s->pos, n, &at)))
		return syntax(s, rec, at, why, e);
	rec->root = cJSON_ParseWithLengthOpts(s->buf + s->pos, n, &endp, 0);
	if (!rec->root || (size_t)(endp - (s->buf + s->pos)) < n) {
		size_t off = endp ? (size_t)(endp - (s->buf + s->pos)) : 0;
		const char *ep = cJSON_GetErrorPtr();

		if (!rec->root && ep >= s->buf + s->pos && ep <= s->buf + s->len)
			off = (size_t)(ep - (s->buf + s->pos));
		cJSON_Delete(rec->root);
		rec->root = NULL;
		return syntax(s, rec, off, N_("not valid JSON"), e);
	}
	rec->text = s->buf + s->pos;
	rec->textlen = n;
	rec->line = s->line;
	rec->col = s->col;
	if (bounded(rec, rec->root, 0, &nodes, e)) {
		cJSON_Delete(rec->root);
		rec->root = NULL;
		rec->text = NULL;
		advance(s, n);
		s->need_sep = 1;
		return -1;
	}
	/* advance() would move pos past the text the record points into, but
	 * the bytes stay where they are until the next fill(). */
	advance(s, n);
	s->need_sep = 1;
	return 1;
}

void wf_json_close(struct wf_src *s)
{
	if (!s)
		return;
	free(s->buf);
	free(s);
}
