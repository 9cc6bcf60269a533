/*
 * json_locate.c - where a field of a JSON record is in the record's
 * text, found when an error needs its line and column (record.c): the
 * text walked alongside the parsed tree, in document order. Apart from
 * json_in.c, which reads the records and reports through record.c.
 */
#include <string.h>

#include "wf.h"

struct walk {
	const char *p, *end, *start;
	const cJSON *target;
	size_t off;
	int found;
};

static void ws(struct walk *w)
{
	while (w->p < w->end && strchr(" \t\r\n", *w->p))
		w->p++;
}

static void skip_string(struct walk *w)
{
	for (w->p++; w->p < w->end && *w->p != '"'; w->p++)
		if (*w->p == '\\')
			w->p++;
	w->p++;
}

/* Walk the value at w->p alongside node, in document order. */
static void walk_value(struct walk *w, const cJSON *node)
{
	ws(w);
	if (w->p >= w->end || w->found)
		return;
	if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
		int obj = cJSON_IsObject(node);

		w->p++;
		for (const cJSON *c = node->child; c && !w->found; c = c->next) {
			ws(w);
			if (w->p < w->end && *w->p == ',')
				w->p++, ws(w);
			if (c == w->target) {
				w->off = (size_t)(w->p - w->start);
				w->found = 1;
				return;
			}
			if (obj) {
				skip_string(w);
				ws(w);
				w->p++; /* ':' */
			}
			walk_value(w, c);
		}
		ws(w);
		w->p++;
		return;
	}
	if (*w->p == '"') {
		skip_string(w);
		return;
	}
	while (w->p < w->end && !strchr(" \t\r\n,]}", *w->p))
		w->p++;
}

int wf_json_locate(const char *text, size_t len, const cJSON *root,
                   const cJSON *item, size_t *off)
{
	struct walk w = { text, text + len, text, item, 0, 0 };

	if (item == root) {
		*off = 0;
		return 0;
	}
	walk_value(&w, root);
	if (!w.found)
		return -1;
	*off = w.off;
	return 0;
}
