/*
 * reportform.c - what the aggregate reports (reportperiod.c,
 * reportindicators.c) share in their form: the head that says which
 * report it is, hiding small counts for reports that leave the service,
 * and keeping one section.
 */
#include <string.h>

#include "casefile.h"

/* A count shown as "<n"; the key moves to the new node. */
static void hide(cJSON *obj, cJSON *c, const char *hidden)
{
	cJSON *h = cJSON_CreateString(hidden);

	h->string = c->string;
	c->string = NULL;
	cJSON_ReplaceItemViaPointer(obj, c, h);
}

/* Hide counts from 1 to n-1; in a breakdown where that hides one cell
 * alone, hide the next smallest too, so that no hidden count can be
 * worked out from a total by subtraction. Medians and shares are not
 * counts. */
void wf_report_suppress(cJSON *obj, int n)
{
	cJSON *c, *next, *small = NULL;
	char hidden[16];
	int hid = 0;

	snprintf(hidden, sizeof hidden, "<%d", n);
	for (c = obj->child; c; c = next) {
		next = c->next;
		if (cJSON_IsObject(c)) {
			if (strcmp(c->string, "median_days"))
				wf_report_suppress(c, n);
		} else if (cJSON_IsNumber(c) && c->valuedouble > 0 &&
		           !strstr(c->string, "percent")) {
			if (c->valuedouble < n) {
				hide(obj, c, hidden);
				hid++;
			} else if (!small || c->valuedouble < small->valuedouble) {
				small = c;
			}
		}
	}
	if (hid == 1 && small)
		hide(obj, small, hidden);
}

double wf_percent(double k, double n)
{
	return n ? (double)(long)(k * 100 / n + 0.5) : 0;
}

cJSON *wf_report_head(const char *kind, const struct wf_period_opts *o)
{
	cJSON *r = cJSON_CreateObject();
	char from[11], to[11];

	wf_date_format(o->from, from);
	wf_date_format(o->to, to);
	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddStringToObject(r, "id", o->id);
	cJSON_AddStringToObject(r, "from", from);
	cJSON_AddStringToObject(r, "to", to);
	cJSON_AddStringToObject(r, "programme", o->programme ? o->programme
	                                                      : "all");
	return r;
}

void wf_report_keep(cJSON *r, const char *section)
{
	static const char *const head[] = { "kind", "id", "from", "to",
	                                    "programme", "results_as_of", NULL };
	cJSON *c, *next;

	for (c = r->child; c; c = next) {
		int keep = !strcmp(c->string, section);

		next = c->next;
		for (int i = 0; head[i]; i++)
			keep |= !strcmp(c->string, head[i]);
		if (!keep)
			cJSON_Delete(cJSON_DetachItemViaPointer(r, c));
	}
}

int wf_report_section_check(const char *const *sections, const char *name,
                            struct wf_err *e)
{
	char list[256];

	for (int i = 0; sections[i]; i++)
		if (!strcmp(sections[i], name))
			return 0;
	wf_join(sections, list, sizeof list);
	return wf_err_set(e, WF_EX_USAGE, "--section: unknown section '%s' (one "
	                  "of: %s)", name, list);
}
