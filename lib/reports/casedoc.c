/*
 * casedoc.c - the final report of a case as a document for people, in
 * Markdown or HTML (doc.c): a heading, the facts, then a table for each
 * list (the timeline, skills, prerequisites, profile, goals, actions,
 * placements, contacts). It renders the record reportcase.c builds, so
 * YAML, JSON and the documents carry the same content; here in the
 * reader's language, with organisations by name, codes by their labels
 * and dates as people write them.
 */
#include <string.h>

#include "wf.h"

/* The organisation a code names, by its name when the report has it. */
static const char *org_name(const cJSON *r, const char *code)
{
	const char *name = wf_json_str(cJSON_GetObjectItemCaseSensitive(
	                                   r, "organisations"), code);

	return name ? name : code ? code : "";
}

/* A value as text, for the key it is of: organisations by name, codes
 * by label, dates as people write them. buf holds what is made here. */
static const char *cell(const cJSON *r, const char *key, const cJSON *v,
                        char *buf, size_t len)
{
	const char *label;

	if (cJSON_IsNumber(v)) {
		snprintf(buf, len, "%g", v->valuedouble);
		return buf;
	}
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? _("yes") : _("no");
	if (!cJSON_IsString(v))
		return "";
	if (!strcmp(key, "host") || !strcmp(key, "ref") ||
	    !strcmp(key, "provider") || !strcmp(key, "to"))
		return org_name(r, v->valuestring);
	/* A timeline's event is a value of its step's own field. */
	label = wf_label(strcmp(key, "event") ? key : NULL, v->valuestring);
	if (label != v->valuestring)
		return label;
	return wf_date_human(v->valuestring, buf, len) ? buf : v->valuestring;
}

/* A table of list's objects: heads are the column titles (marked N_),
 * keys the members shown. */
static void table(struct wf_doc *d, const cJSON *r, const char *title,
                  const cJSON *list, const char *const *heads,
                  const char *const *keys)
{
	const char *tr[16], *cells[16];
	char bufs[16][64];
	const cJSON *row;
	int n = 0;

	if (!cJSON_GetArraySize(list))
		return;
	for (; heads[n] && n < 15; n++)
		tr[n] = _(heads[n]);
	tr[n] = NULL;
	wf_doc_section(d, title);
	wf_doc_table(d, tr);
	cJSON_ArrayForEach(row, list) {
		for (int i = 0; i < n; i++)
			cells[i] = cell(r, keys[i], wf_json_path(row, keys[i]), bufs[i],
			                sizeof bufs[i]);
		wf_doc_row(d, cells, n);
	}
	wf_doc_table_end(d);
}

static const char *day(const char *iso, char *buf, size_t len)
{
	wf_date_human(iso, buf, len);
	return buf;
}

/* Why the case stopped where it did: the failed rules in the reader's
 * language when the record has them for every reason, else the words
 * kept. */
static void reasons(struct wf_doc *d, const cJSON *r)
{
	const cJSON *words = cJSON_GetObjectItemCaseSensitive(r, "reasons");
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(r, "rules"), *c;
	const cJSON *list = cJSON_GetArraySize(rules) == cJSON_GetArraySize(words)
	                    ? rules : words;
	char text[1024];

	cJSON_ArrayForEach(c, list) {
		wf_reason_text(c, 1, text, sizeof text);
		wf_doc_fact(d, _("Reason"), text);
	}
}

static void header(struct wf_doc *d, const cJSON *r)
{
	const cJSON *p = cJSON_GetObjectItem(r, "person");
	const cJSON *prog = cJSON_GetObjectItem(r, "programme");
	char v[512], d1[16];

	snprintf(v, sizeof v, "%s %s", wf_json_str(p, "first_name"),
	         wf_json_str(p, "last_name"));
	if (wf_json_str(p, "tax_code"))
		snprintf(v + strlen(v), sizeof v - strlen(v), " (%s)",
		         wf_json_str(p, "tax_code"));
	wf_doc_fact(d, _("Person"), v);
	snprintf(v, sizeof v, "%s (%s)", wf_json_str(prog, "name"),
	         wf_json_str(prog, "id"));
	wf_doc_fact(d, _("Programme"), v);
	snprintf(v, sizeof v, _("%s, on %s"), org_name(r, wf_json_str(r,
	         "referrer")), day(wf_json_str(r, "referral_date"), d1,
	         sizeof d1));
	wf_doc_fact(d, _("Referring service"), v);
	if (wf_json_str(r, "referrer_contact"))
		wf_doc_fact(d, _("Referral contact"),
		            wf_json_str(r, "referrer_contact"));
	snprintf(v, sizeof v, _("%s since %s"),
	         wf_label("status", wf_json_str(r, "status")),
	         day(wf_json_str(r, "status_date"), d1, sizeof d1));
	wf_doc_fact(d, _("Status"), v);
	reasons(d, r);
}

static void assessment(struct wf_doc *d, const cJSON *r, const cJSON *a)
{
	static const char *const sh[] = { N_("Skill"), N_("Type"), N_("Level"),
	                                  N_("Seen on"), N_("Evidence"), NULL };
	static const char *const sk[] = { "name", "type", "level", "date",
	                                  "evidence", NULL };
	static const char *const ph[] = { N_("Prerequisite"), N_("Value"),
	                                  N_("Seen on"), N_("Note"), NULL };
	static const char *const pk[] = { "item", "value", "date", "note", NULL };
	static const char *const fh[] = { N_("Area"), N_("Level"), N_("Seen on"),
	                                  N_("Note"), NULL };
	static const char *const fk[] = { "area", "level", "date", "note", NULL };
	const cJSON *dec = cJSON_GetObjectItem(a, "decision");
	char v[1024], d1[16];

	table(d, r, _("Skills"), cJSON_GetObjectItem(a, "skills"), sh, sk);
	table(d, r, _("Work prerequisites"),
	      cJSON_GetObjectItem(a, "prerequisites"), ph, pk);
	table(d, r, _("Work-fragility profile"),
	      cJSON_GetObjectItem(a, "profile"), fh, fk);
	if (!dec)
		return;
	wf_doc_section(d, _("Decision"));
	snprintf(v, sizeof v, _("%s on %s, by %s"),
	         wf_label("decision", wf_json_str(dec, "decision")),
	         day(wf_json_str(dec, "date"), d1, sizeof d1),
	         wf_json_str(dec, "decided_by"));
	if (wf_json_str(dec, "reason"))
		snprintf(v + strlen(v), sizeof v - strlen(v), ": %s",
		         wf_json_str(dec, "reason"));
	wf_doc_para(d, v);
}

static void plan(struct wf_doc *d, const cJSON *r, const cJSON *p)
{
	static const char *const gh[] = { N_("Goal"), N_("Description"),
	                                  N_("Expected outcome"), N_("Target date"),
	                                  NULL };
	static const char *const gk[] = { "id", "description", "outcome",
	                                  "target_date", NULL };
	static const char *const ah[] = { N_("Action"), N_("Provider"),
	                                  N_("Start"), N_("End"), N_("Hours"),
	                                  N_("Goal"), NULL };
	static const char *const ak[] = { "kind", "provider", "start", "end",
	                                  "hours", "goal", NULL };
	char title[160], d1[16];

	if (!p)
		return;
	table(d, r, _("Individual project"), cJSON_GetObjectItem(p, "goals"), gh,
	      gk);
	snprintf(title, sizeof title, _("Intervention plan (version %d, agreed "
	         "on %s)"), cJSON_GetObjectItem(p, "version")->valueint,
	         day(wf_json_str(p, "agreed_on"), d1, sizeof d1));
	table(d, r, title, cJSON_GetObjectItem(p, "actions"), ah, ak);
}

static void closure(struct wf_doc *d, const cJSON *c)
{
	char v[256], d1[16];

	if (!c)
		return;
	wf_doc_section(d, _("Outcome of the path"));
	snprintf(v, sizeof v, _("%s on %s"),
	         wf_label("outcome", wf_json_str(c, "outcome")),
	         day(wf_json_str(c, "date"), d1, sizeof d1));
	wf_doc_para(d, v);
	if (wf_json_str(c, "recommendations"))
		wf_doc_fact(d, _("Recommendations"),
		            wf_json_str(c, "recommendations"));
}

static void title_of(const cJSON *r, char *buf, size_t len)
{
	snprintf(buf, len, _("Final report of the path: case %s"),
	         wf_json_str(r, "id"));
}

static void body(struct wf_doc *d, const cJSON *r)
{
	static const char *const th[] = { N_("Date"), N_("Step"), N_("Event"),
	                                  N_("Ref"), N_("Note"), NULL };
	static const char *const tk[] = { "date", "step", "event", "ref", "note",
	                                  NULL };
	static const char *const ph[] = { N_("Placement"), N_("Type"), N_("Host"),
	                                  N_("Start"), N_("End"), N_("Stipend"),
	                                  N_("Status"), N_("Outcome"), NULL };
	static const char *const pk[] = { "id", "type", "host", "start", "end",
	                                  "stipend", "status", "outcome", NULL };
	static const char *const mh[] = { N_("Date"), N_("With"), N_("How"),
	                                  N_("Risk"), N_("Next steps"), NULL };
	static const char *const mk[] = { "date", "with", "how", "risk",
	                                  "next_steps", NULL };
	static const char *const sh[] = { N_("Date"), N_("With"), N_("Basis"),
	                                  NULL };
	static const char *const sk[] = { "date", "to", "basis", NULL };

	header(d, r);
	table(d, r, _("Timeline"), cJSON_GetObjectItem(r, "timeline"), th, tk);
	assessment(d, r, cJSON_GetObjectItem(r, "assessment"));
	plan(d, r, cJSON_GetObjectItem(r, "plan"));
	table(d, r, _("Placements"), cJSON_GetObjectItem(r, "placements"), ph, pk);
	table(d, r, _("Monitoring"), cJSON_GetObjectItem(r, "monitoring"), mh, mk);
	closure(d, cJSON_GetObjectItem(r, "closure"));
	table(d, r, _("Shared"), cJSON_GetObjectItem(r, "shared"), sh, sk);
}

void wf_report_case_doc(struct wf_doc *d, const cJSON *r, int first)
{
	char title[160], today[16], iso[11];

	title_of(r, title, sizeof title);
	if (!first) {
		wf_doc_part(d, title);
	} else {
		wf_date_format(wf_date_today(), iso);
		wf_date_human(iso, today, sizeof today);
		wf_doc_begin(d, title, wf_html_service(wf_json_str(
		             cJSON_GetObjectItem(r, "programme"), "name")), today);
	}
	body(d, r);
}
