/*
 * markdown.c - the final report of a case as a Markdown document, for
 * people and mail: a heading, the facts, then a table for each list (the
 * timeline, skills, prerequisites, profile, goals, actions, placements,
 * contacts). It renders the record reportcase.c builds, so YAML, JSON and
 * Markdown carry the same content; here, in the reader's language, with
 * organisations by name, codes by their labels and dates as people write
 * them.
 */
#include <string.h>

#include "wf.h"

/* The organisation a code names, by its name when the report has it. */
static const char *org_name(const cJSON *r, const char *code)
{
	const char *name = wf_json_str(cJSON_GetObjectItemCaseSensitive(
	                                   r, "organisations"), code);

	return name ? name : code;
}

static void put_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			putc('\\', f);
		putc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
}

/* A value as cell text, for the key it is of: pipes escaped, line
 * breaks as spaces, organisations by name, codes by label, dates as
 * people write them. */
static void cell(FILE *f, const cJSON *r, const char *key, const cJSON *v)
{
	char buf[64];

	if (cJSON_IsNumber(v)) {
		snprintf(buf, sizeof buf, "%g", v->valuedouble);
		put_text(f, buf);
	} else if (cJSON_IsBool(v)) {
		put_text(f, cJSON_IsTrue(v) ? _("yes") : _("no"));
	} else if (cJSON_IsString(v) && (!strcmp(key, "host") || !strcmp(key, "ref") ||
	           !strcmp(key, "provider") || !strcmp(key, "to"))) {
		put_text(f, org_name(r, v->valuestring));
	} else if (cJSON_IsString(v)) {
		/* A timeline's event is a value of its step's own field. */
		const char *label = wf_label(strcmp(key, "event") ? key : NULL,
		                             v->valuestring);

		int date = wf_date_human(v->valuestring, buf, sizeof buf);

		put_text(f, label != v->valuestring ? label
		            : date ? buf : v->valuestring);
	}
}

/* A table of list's objects: heads are the column titles (marked N_),
 * keys the members shown. */
static void table(FILE *f, const cJSON *r, const char *title,
                  const cJSON *list, const char *const *heads,
                  const char *const *keys)
{
	const cJSON *row;

	if (!cJSON_GetArraySize(list))
		return;
	fprintf(f, "\n## %s\n\n", title);
	for (int i = 0; heads[i]; i++)
		fprintf(f, "| %s ", _(heads[i]));
	fputs("|\n", f);
	for (int i = 0; heads[i]; i++)
		fputs("| --- ", f);
	fputs("|\n", f);
	cJSON_ArrayForEach(row, list) {
		for (int i = 0; keys[i]; i++) {
			fputs("| ", f);
			cell(f, r, keys[i], wf_json_path(row, keys[i]));
			putc(' ', f);
		}
		fputs("|\n", f);
	}
}

static const char *day(const char *iso, char *buf, size_t len)
{
	wf_date_human(iso, buf, len);
	return buf;
}

/* Why the case stopped where it did: the failed rules in the reader's
 * language when the record has them for every reason, else the words
 * kept. */
static void reasons(FILE *f, const cJSON *r)
{
	const cJSON *words = cJSON_GetObjectItemCaseSensitive(r, "reasons");
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(r, "rules"), *c;
	char text[1024];
	const cJSON *list = cJSON_GetArraySize(rules) == cJSON_GetArraySize(words)
	                    ? rules : words;

	cJSON_ArrayForEach(c, list) {
		wf_reason_text(c, 1, text, sizeof text);
		fprintf(f, "- **%s**: ", _("Reason"));
		put_text(f, text);
		putc('\n', f);
	}
}

static void header(FILE *f, const cJSON *r)
{
	const cJSON *p = cJSON_GetObjectItem(r, "person");
	const cJSON *prog = cJSON_GetObjectItem(r, "programme");
	const char *contact = wf_json_str(r, "referrer_contact");
	char d[16];

	fprintf(f, _("# Final report of the path: case %s\n\n"),
	        wf_json_str(r, "id"));
	fprintf(f, "- **%s**: %s %s", _("Person"), wf_json_str(p, "first_name"),
	        wf_json_str(p, "last_name"));
	if (wf_json_str(p, "tax_code"))
		fprintf(f, " (%s)", wf_json_str(p, "tax_code"));
	fprintf(f, "\n- **%s**: %s (%s)\n", _("Programme"),
	        wf_json_str(prog, "name"), wf_json_str(prog, "id"));
	fprintf(f, "- **%s**: ", _("Referring service"));
	put_text(f, org_name(r, wf_json_str(r, "referrer")));
	fprintf(f, _(", on %s\n"), day(wf_json_str(r, "referral_date"), d,
	                              sizeof d));
	if (contact) {
		fprintf(f, "- **%s**: ", _("Referral contact"));
		put_text(f, contact);
		putc('\n', f);
	}
	fprintf(f, "- **%s**: ", _("Status"));
	fprintf(f, _("%s since %s\n"), wf_label("status", wf_json_str(r, "status")),
	        day(wf_json_str(r, "status_date"), d, sizeof d));
	reasons(f, r);
}

static void assessment(FILE *f, const cJSON *r, const cJSON *a)
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
	char d[16];

	table(f, r, _("Skills"), cJSON_GetObjectItem(a, "skills"), sh, sk);
	table(f, r, _("Work prerequisites"),
	      cJSON_GetObjectItem(a, "prerequisites"), ph, pk);
	table(f, r, _("Work-fragility profile"), cJSON_GetObjectItem(a, "profile"),
	      fh, fk);
	if (!dec)
		return;
	fprintf(f, "\n## %s\n\n", _("Decision"));
	fprintf(f, _("%s on %s, by %s"), wf_label("decision",
	        wf_json_str(dec, "decision")),
	        day(wf_json_str(dec, "date"), d, sizeof d),
	        wf_json_str(dec, "decided_by"));
	if (wf_json_str(dec, "reason")) {
		fputs(": ", f);
		put_text(f, wf_json_str(dec, "reason"));
	}
	putc('\n', f);
}

static void plan(FILE *f, const cJSON *r, const cJSON *p)
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
	char title[160], d[16];

	if (!p)
		return;
	table(f, r, _("Individual project"), cJSON_GetObjectItem(p, "goals"), gh,
	      gk);
	snprintf(title, sizeof title, _("Intervention plan (version %d, agreed "
	         "on %s)"), cJSON_GetObjectItem(p, "version")->valueint,
	         day(wf_json_str(p, "agreed_on"), d, sizeof d));
	table(f, r, title, cJSON_GetObjectItem(p, "actions"), ah, ak);
}

static void closure(FILE *f, const cJSON *c)
{
	char d[16];

	if (!c)
		return;
	fprintf(f, "\n## %s\n\n", _("Outcome of the path"));
	fprintf(f, _("%s on %s\n"), wf_label("outcome", wf_json_str(c, "outcome")),
	        day(wf_json_str(c, "date"), d, sizeof d));
	if (wf_json_str(c, "recommendations")) {
		fprintf(f, "\n**%s**: ", _("Recommendations"));
		put_text(f, wf_json_str(c, "recommendations"));
		putc('\n', f);
	}
}

int wf_report_case_md(FILE *f, const cJSON *r)
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

	header(f, r);
	table(f, r, _("Timeline"), cJSON_GetObjectItem(r, "timeline"), th, tk);
	assessment(f, r, cJSON_GetObjectItem(r, "assessment"));
	plan(f, r, cJSON_GetObjectItem(r, "plan"));
	table(f, r, _("Placements"), cJSON_GetObjectItem(r, "placements"), ph, pk);
	table(f, r, _("Monitoring"), cJSON_GetObjectItem(r, "monitoring"), mh, mk);
	closure(f, cJSON_GetObjectItem(r, "closure"));
	table(f, r, _("Shared"), cJSON_GetObjectItem(r, "shared"), sh, sk);
	return ferror(f) ? WF_EX_IOERR : 0;
}
