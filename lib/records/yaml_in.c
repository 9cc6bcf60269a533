/*
 * yaml_in.c - a YAML stream read one document at a time through libyaml's
 * event API and built into the record's cJSON tree, so that YAML and JSON
 * share one in-memory form. Each member's key and each element's position
 * is kept for messages.
 *
 * Plain scalars resolve as in YAML 1.2's JSON schema, with two cautions
 * for case files: a number with a leading zero or a sign stays text (phone
 * numbers, postcodes), and so does one too long to survive a double.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "wf.h"

struct wf_src {
	yaml_parser_t parser;
	const char *name;
	int done;
	FILE *f;
	char prefix[4096];   /* read to detect the format; replayed first */
	size_t plen, ppos;
	/* The last two chunks handed to libyaml, with where each starts: a
	 * bad byte (not UTF-8) is reported by libyaml as an offset only, and
	 * lies in what it has read but not yet decoded. */
	struct chunk {
		char *text;
		size_t len, off;
		long line, col;
	} chunk[2];
};

/* One open container while a document is built. */
struct frame {
	cJSON *node;
	cJSON *key;      /* a mapping's pending key (a string node), or NULL */
	long kline, kcol;
	int keys;        /* a mapping's keys so far */
};

struct anchor {
	char *name;
	cJSON *node;
	int owned;       /* a copy the table frees (a scalar's) */
};

struct build {
	struct wf_src *s;
	struct wf_record *rec;
	struct wf_err *e;
	struct frame stack[WF_MAX_DEPTH];
	int depth;
	struct anchor *anchors;
	size_t nanchors;
	long nodes;      /* values built so far, aliases expanded */
};

#define TOO_MANY N_("the record holds more than 100000 values (aliases " \
                    "count as what they expand to)")

/* The values of the tree at n, counting no further than limit, and its
 * depth (every tree built is within WF_MAX_DEPTH, which bounds this). */
static long count(const cJSON *n, long limit, int *depth)
{
	long k = 1;
	int d, deepest = 0;

	for (const cJSON *c = n->child; c && k <= limit; c = c->next) {
		k += count(c, limit - k, &d);
		deepest = d > deepest ? d : deepest;
	}
	*depth = deepest + (n->child != NULL || cJSON_IsArray(n) ||
	                    cJSON_IsObject(n));
	return k;
}

static int is_int(const char *s, size_t len)
{
	size_t i = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i == len)
		return 0;
	if (s[i] == '0')
		return i + 1 == len;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int is_float(const char *s, size_t len)
{
	size_t i = 0, d = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i < len && s[i] == '0' && i + 1 < len && s[i + 1] != '.' &&
	    s[i + 1] != 'e' && s[i + 1] != 'E')
		return 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (!d)
		return 0;
	if (i < len && s[i] == '.') {
		size_t f = 0;

		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			f++;
		if (!f)
			return 0;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t x = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			x++;
		if (!x)
			return 0;
	}
	return i == len;
}

int wf_yaml_resolve(const char *s, size_t len)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const bools[] = { "true", "True", "TRUE", "false",
	                                     "False", "FALSE", NULL };
	size_t sig = 0;

	for (int i = 0; nulls[i]; i++)
		if (strlen(nulls[i]) == len && !memcmp(nulls[i], s, len))
			return 1;
	for (int i = 0; bools[i]; i++)
		if (strlen(bools[i]) == len && !memcmp(bools[i], s, len))
			return 2;
	if (!is_int(s, len) && !is_float(s, len))
		return 0;
	for (size_t i = 0; i < len && (s[i] < 'A' || s[i] == '.'); i++)
		if (s[i] >= '0' && s[i] <= '9')
			sig++;
	return sig > 15 ? 0 : 3;
}

static cJSON *scalar_node(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;

	if (tag && !strcmp(tag, "tag:yaml.org,2002:str"))
		return cJSON_CreateString(v);
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return cJSON_CreateString(v);
	switch (wf_yaml_resolve(v, len)) {
	case 1: return cJSON_CreateNull();
	case 2: return cJSON_CreateBool(v[0] == 't' || v[0] == 'T');
	case 3: return cJSON_CreateNumber(strtod(v, NULL));
	}
	return cJSON_CreateString(v);
}

static int fail(struct build *b, const yaml_mark_t *m, const char *msg)
{
	snprintf(b->e->file, sizeof b->e->file, "%s", b->s->name);
	b->e->line = (long)m->line + 1;
	b->e->col = (long)m->column + 1;
	b->e->field[0] = '\0';
	return wf_err_set(b->e, WF_EX_DATAERR, "%s", _(msg)), -1;
}

/* Remember an anchor's node. A scalar is kept as a copy of its own: one
 * that is a mapping's key is freed once its value is attached. */
static int remember(struct build *b, const char *anchor, cJSON *node,
                    int copy)
{
	struct anchor *a;

	if (!anchor)
		return 0;
	a = realloc(b->anchors, (b->nanchors + 1) * sizeof *a);
	if (!a)
		return wf_err_set(b->e, WF_EX_SOFTWARE, "out of memory"), -1;
	b->anchors = a;
	a += b->nanchors;
	a->name = strdup(anchor);
	a->node = copy ? cJSON_Duplicate(node, 0) : node;
	a->owned = copy;
	if (!a->name || !a->node) {
		free(a->name);
		if (copy)
			cJSON_Delete(a->node);
		return wf_err_set(b->e, WF_EX_SOFTWARE, "out of memory"), -1;
	}
	b->nanchors++;
	return 0;
}

/* Attach node to the open container (or make it the root). A mapping's
 * first scalar is its key. */
static int attach(struct build *b, cJSON *node, const yaml_event_t *ev)
{
	struct frame *f;
	long line = (long)ev->start_mark.line + 1;
	long col = (long)ev->start_mark.column + 1;

	if (!node)
		return fail(b, &ev->start_mark, "out of memory");
	if (++b->nodes > WF_MAX_NODES) {
		cJSON_Delete(node);
		return fail(b, &ev->start_mark, TOO_MANY);
	}
	if (b->depth == 0) {
		b->rec->root = node;
		b->rec->line = line;
		b->rec->col = col;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (cJSON_IsArray(f->node)) {
		cJSON_AddItemToArray(f->node, node);
		return wf_record_addpos(b->rec, node, line, col);
	}
	if (!f->key) {
		if (!cJSON_IsString(node)) {
			cJSON_Delete(node);
			return fail(b, &ev->start_mark, N_("a mapping key must be a scalar"));
		}
		f->key = node;
		f->kline = line;
		f->kcol = col;
		return 0;
	}
	if (f->keys >= WF_MAX_KEYS) {
		cJSON_Delete(node);
		return fail(b, &ev->start_mark, WF_TOO_MANY_KEYS);
	}
	if (cJSON_GetObjectItemCaseSensitive(f->node, f->key->valuestring)) {
		char msg[300];

		snprintf(msg, sizeof msg, "key '%.200s' appears twice",
		         f->key->valuestring);
		cJSON_Delete(node);
		yaml_mark_t m = { 0, (size_t)(f->kline - 1), (size_t)(f->kcol - 1) };
		return fail(b, &m, msg);
	}
	cJSON_AddItemToObject(f->node, f->key->valuestring, node);
	f->keys++;
	cJSON_Delete(f->key);
	f->key = NULL;
	return wf_record_addpos(b->rec, node, f->kline, f->kcol);
}

static int alias(struct build *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	int depth;

	for (size_t i = b->nanchors; i-- > 0;) {
		if (strcmp(b->anchors[i].name, name))
			continue;
		/* counted before it is copied: a few lines of aliases can
		 * stand for billions of values */
		b->nodes += count(b->anchors[i].node, WF_MAX_NODES - b->nodes,
		                  &depth) - 1;
		if (b->nodes >= WF_MAX_NODES)
			return fail(b, &ev->start_mark, TOO_MANY);
		if (b->depth + depth > WF_MAX_DEPTH)
			return fail(b, &ev->start_mark, WF_TOO_DEEP);
		return attach(b, cJSON_Duplicate(b->anchors[i].node, 1), ev);
	}
	return fail(b, &ev->start_mark, N_("unknown alias"));
}

static int open_container(struct build *b, cJSON *node, const yaml_event_t *ev,
                          const char *anchor)
{
	if (b->depth == (int)(sizeof b->stack / sizeof b->stack[0])) {
		cJSON_Delete(node);
		return fail(b, &ev->start_mark, WF_TOO_DEEP);
	}
	if (attach(b, node, ev) < 0 || remember(b, anchor, node, 0) < 0)
		return -1;
	b->stack[b->depth++] = (struct frame){ node, NULL, 0, 0, 0 };
	return 0;
}

/* Handle one event inside a document. Returns 1 when the document ended,
 * 0 to go on, -1 on error. */
static int event(struct build *b, yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		cJSON *n;

		if (ev->data.scalar.length > (size_t)WF_MAX_SCALAR)
			return fail(b, &ev->start_mark, WF_TOO_LONG);
		n = scalar_node(ev);
		if (n && remember(b, (const char *)ev->data.scalar.anchor, n, 1) < 0) {
			cJSON_Delete(n);
			return -1;
		}
		return attach(b, n, ev);
	}
	case YAML_ALIAS_EVENT:
		return alias(b, ev);
	case YAML_MAPPING_START_EVENT:
		return open_container(b, cJSON_CreateObject(), ev,
		                      (const char *)ev->data.mapping_start.anchor);
	case YAML_SEQUENCE_START_EVENT:
		return open_container(b, cJSON_CreateArray(), ev,
		                      (const char *)ev->data.sequence_start.anchor);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		b->depth--;
		return 0;
	case YAML_DOCUMENT_END_EVENT:
		return 1;
	default:
		return 0;
	}
}

static void build_free(struct build *b)
{
	for (int i = 0; i < b->depth; i++)
		cJSON_Delete(b->stack[i].key);
	for (size_t i = 0; i < b->nanchors; i++) {
		free(b->anchors[i].name);
		if (b->anchors[i].owned)
			cJSON_Delete(b->anchors[i].node);
	}
	free(b->anchors);
}

/* Keep a copy of the chunk just read; the one before it stays. */
static int keep_chunk(struct wf_src *s, const unsigned char *buf, size_t n)
{
	struct chunk *old = &s->chunk[0], *cur = &s->chunk[1];
	char *text;

	if (!cur->text) {            /* the first: line 1, column 1 */
		cur->line = cur->col = 1;
	} else {
		long line = cur->line, col = cur->col;

		wf_text_advance(cur->text, cur->len, &line, &col);
		free(old->text);
		*old = *cur;
		cur->off = old->off + old->len;
		cur->line = line;
		cur->col = col;
	}
	if (!(text = malloc(n ? n : 1)))
		return 0;
	memcpy(text, buf, n);
	cur->text = text;
	cur->len = n;
	return 1;
}

static int read_input(void *data, unsigned char *buf, size_t size,
                      size_t *got)
{
	struct wf_src *s = data;

	if (s->ppos < s->plen) {
		size_t n = s->plen - s->ppos < size ? s->plen - s->ppos : size;

		memcpy(buf, s->prefix + s->ppos, n);
		s->ppos += n;
		*got = n;
		return keep_chunk(s, buf, n);
	}
	*got = fread(buf, 1, size, s->f);
	return !ferror(s->f) && keep_chunk(s, buf, *got);
}

/* Line and column of byte offset off of the stream, when it lies in the
 * chunks kept. Returns 0, or -1 when it does not. */
static int offset_where(const struct wf_src *s, size_t off, long *line,
                        long *col)
{
	for (int i = 0; i < 2; i++) {
		const struct chunk *c = &s->chunk[i];

		if (c->text && off >= c->off && off <= c->off + c->len) {
			*line = c->line;
			*col = c->col;
			wf_text_advance(c->text, off - c->off, line, col);
			return 0;
		}
	}
	return -1;
}

static int parse_error(struct wf_src *s, struct wf_err *e)
{
	yaml_parser_t *p = &s->parser;

	snprintf(e->file, sizeof e->file, "%s", s->name);
	e->line = (long)p->problem_mark.line + 1;
	e->col = (long)p->problem_mark.column + 1;
	e->field[0] = '\0';
	if (p->error == YAML_READER_ERROR) {
		if (offset_where(s, p->problem_offset, &e->line, &e->col))
			e->line = e->col = 0;
		/* said as the JSON reader says it, libyaml's words after */
		if (strstr(p->problem, "UTF-8") || strstr(p->problem, "Unicode"))
			return wf_err_set(e, WF_EX_DATAERR, "not UTF-8 (%s)",
			                  p->problem);
		return wf_err_set(e, WF_EX_DATAERR, "%s", p->problem);
	}
	return wf_err_set(e, WF_EX_DATAERR, "%s%s%s",
	                  p->problem ? p->problem : "not YAML",
	                  p->context ? " " : "", p->context ? p->context : "");
}

struct wf_src *wf_yaml_open(FILE *f, const char *name, const char *prefix,
                            size_t plen)
{
	struct wf_src *s = calloc(1, sizeof *s);

	if (!s || plen > sizeof s->prefix || !yaml_parser_initialize(&s->parser)) {
		free(s);
		return NULL;
	}
	memcpy(s->prefix, prefix, plen);
	s->plen = plen;
	s->f = f;
	yaml_parser_set_input(&s->parser, read_input, s);
	s->name = name;
	return s;
}

/* Read the next document that is not empty. */
int wf_yaml_next(struct wf_src *s, struct wf_record *rec, struct wf_err *e)
{
	struct build b = { .s = s, .rec = rec, .e = e };
	int in_doc = 0, rc = 0;
	yaml_event_t ev;

	wf_record_reset(rec);
	rec->file = s->name;
	while (!s->done) {
		if (!yaml_parser_parse(&s->parser, &ev)) {
			rc = parse_error(s, e);
			s->done = 1;
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT)
			s->done = 1;
		else if (ev.type == YAML_DOCUMENT_START_EVENT)
			in_doc = 1;
		else if (in_doc && (rc = event(&b, &ev)) != 0) {
			yaml_event_delete(&ev);
			if (rc < 0)
				break;
			rc = 0;
			if (rec->root && !cJSON_IsNull(rec->root))
				break;
			wf_record_reset(rec);
			rec->file = s->name;
			in_doc = 0;
			continue;
		}
		yaml_event_delete(&ev);
	}
	build_free(&b);
	if (rc) {
		wf_record_reset(rec);
		return -1;
	}
	return rec->root ? 1 : 0;
}

void wf_yaml_close(struct wf_src *s)
{
	if (!s)
		return;
	yaml_parser_delete(&s->parser);
	free(s->chunk[0].text);
	free(s->chunk[1].text);
	free(s);
}
