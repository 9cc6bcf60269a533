/*
 * markdown.c - the final report of a case as a Markdown document, for
 * people and mail: a heading, the facts, then a table for each list (the
 * timeline, skills, prerequisites, profile, goals, actions, placements,
 * contacts). It renders the record reportcase.c builds, so YAML, JSON and
 * Markdown carry the same content.
 */
#include <string.h>

#include "wf.h"

/* A value as cell text: pipes escaped, line breaks as spaces. */
static void cell(FILE *f, const cJSON *v)
{
	char buf[64];
	const char *s = buf;

	if (cJSON_IsString(v))
		s = v->valuestring;
	else if (cJSON_IsNumber(v))
		snprintf(buf, sizeof buf, "%g", v->valuedouble);
	else if (cJSON_IsBool(v))
		s = cJSON_IsTrue(v) ? "yes" : "no";
	else
		s = "";
	for (; *s; s++) {
		if (*s == '|')
			putc('\\', f);
		putc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
}

/* A table of list's objects: heads are the column titles, keys the
 * members shown. */
static void table(FILE *f, const char *title, const cJSON *list,
                  const char *const *heads, const char *const *keys)
{
	const cJSON *row;

	if (!cJSON_GetArraySize(list))
		return;
	fprintf(f, "\n## %s\n\n", title);
	for (int i = 0; heads[i]; i++)
		fprintf(f, "| %s ", heads[i]);
	fputs("|\n", f);
	for (int i = 0; heads[i]; i++)
		fputs("| --- ", f);
	fputs("|\n", f);
	cJSON_ArrayForEach(row, list) {
		for (int i = 0; keys[i]; i++) {
			fputs("| ", f);
			cell(f, wf_json_path(row, keys[i]));
			putc(' ', f);
		}
		fputs("|\n", f);
	}
}

static void fact(FILE *f, const char *label, const cJSON *v)
{
	if (!v)
		return;
	fprintf(f, "- **%s**: ", label);
	cell(f, v);
	putc('\n', f);
}

static void header(FILE *f, const cJSON *r)
{
	const cJSON *p = cJSON_GetObjectItem(r, "person");
	const cJSON *reasons = cJSON_GetObjectItem(r, "reasons"), *c;

	fprintf(f, "# Final report: case %s\n\n", wf_json_str(r, "id"));
	fprintf(f, "- **Person**: %s %s", wf_json_str(p, "first_name"),
	        wf_json_str(p, "last_name"));
	if (wf_json_str(p, "tax_code"))
		fprintf(f, " (%s)", wf_json_str(p, "tax_code"));
	fprintf(f, "\n- **Programme**: %s (%s)\n",
	        wf_json_str(wf_json_path(r, "programme"), "name"),
	        wf_json_str(wf_json_path(r, "programme"), "id"));
	fprintf(f, "- **Referred by**: %s on %s\n", wf_json_str(r, "referrer"),
	        wf_json_str(r, "referral_date"));
	fact(f, "Referral contact", cJSON_GetObjectItem(r, "referrer_contact"));
	fprintf(f, "- **Status**: %s since %s\n", wf_json_str(r, "status"),
	        wf_json_str(r, "status_date"));
	cJSON_ArrayForEach(c, reasons)
		fprintf(f, "- **Reason**: %s\n", c->valuestring);
}

static void assessment(FILE *f, const cJSON *a)
{
	static const char *const sh[] = { "Skill", "Type", "Level", "Seen on",
	                                  "Evidence", NULL };
	static const char *const sk[] = { "name", "type", "level", "date",
	                                  "evidence", NULL };
	static const char *const ph[] = { "Prerequisite", "Value", "Seen on",
	                                  "Note", NULL };
	static const char *const pk[] = { "item", "value", "date", "note", NULL };
	static const char *const fh[] = { "Area", "Level", "Seen on", "Note",
	                                  NULL };
	static const char *const fk[] = { "area", "level", "date", "note", NULL };
	const cJSON *d = cJSON_GetObjectItem(a, "decision");

	table(f, "Skills", cJSON_GetObjectItem(a, "skills"), sh, sk);
	table(f, "Work prerequisites", cJSON_GetObjectItem(a, "prerequisites"),
	      ph, pk);
	table(f, "Work-fragility profile", cJSON_GetObjectItem(a, "profile"), fh,
	      fk);
	if (d)
		fprintf(f, "\n## Decision\n\n%s on %s, by %s%s%s\n",
		        wf_json_str(d, "decision"), wf_json_str(d, "date"),
		        wf_json_str(d, "decided_by"),
		        wf_json_str(d, "reason") ? ": " : "",
		        wf_json_str(d, "reason") ? wf_json_str(d, "reason") : "");
}

static void plan(FILE *f, const cJSON *p)
{
	static const char *const gh[] = { "Goal", "Description", "Outcome",
	                                  "Target date", NULL };
	static const char *const gk[] = { "id", "description", "outcome",
	                                  "target_date", NULL };
	static const char *const ah[] = { "Action", "Provider", "Start", "End",
	                                  "Hours", "Goal", NULL };
	static const char *const ak[] = { "kind", "provider", "start", "end",
	                                  "hours", "goal", NULL };
	char title[96];

	if (!p)
		return;
	table(f, "Individual Project", cJSON_GetObjectItem(p, "goals"), gh, gk);
	snprintf(title, sizeof title, "Intervention Plan (version %d, agreed on "
	         "%s)", cJSON_GetObjectItem(p, "version")->valueint,
	         wf_json_str(p, "agreed_on"));
	table(f, title, cJSON_GetObjectItem(p, "actions"), ah, ak);
}

static void closure(FILE *f, const cJSON *c)
{
	if (!c)
		return;
	fprintf(f, "\n## Outcome\n\n%s on %s\n", wf_json_str(c, "outcome"),
	        wf_json_str(c, "date"));
	if (wf_json_str(c, "recommendations"))
		fprintf(f, "\n**Recommendations**: %s\n",
		        wf_json_str(c, "recommendations"));
}

int wf_report_case_md(FILE *f, const cJSON *r)
{
	static const char *const th[] = { "Date", "Step", "Event", "Ref", "Note",
	                                  NULL };
	static const char *const tk[] = { "date", "step", "event", "ref", "note",
	                                  NULL };
	static const char *const ph[] = { "Placement", "Type", "Host", "Start",
	                                  "End", "Stipend", "Status", "Outcome",
	                                  NULL };
	static const char *const pk[] = { "id", "type", "host", "start", "end",
	                                  "stipend", "status", "outcome", NULL };
	static const char *const mh[] = { "Date", "With", "How", "Risk",
	                                  "Next steps", NULL };
	static const char *const mk[] = { "date", "with", "how", "risk",
	                                  "next_steps", NULL };
	static const char *const sh[] = { "Date", "With", "Basis", NULL };
	static const char *const sk[] = { "date", "to", "basis", NULL };

	header(f, r);
	table(f, "Timeline", cJSON_GetObjectItem(r, "timeline"), th, tk);
	assessment(f, cJSON_GetObjectItem(r, "assessment"));
	plan(f, cJSON_GetObjectItem(r, "plan"));
	table(f, "Placements", cJSON_GetObjectItem(r, "placements"), ph, pk);
	table(f, "Monitoring", cJSON_GetObjectItem(r, "monitoring"), mh, mk);
	closure(f, cJSON_GetObjectItem(r, "closure"));
	table(f, "Shared", cJSON_GetObjectItem(r, "shared"), sh, sk);
	return ferror(f) ? WF_EX_IOERR : 0;
}
