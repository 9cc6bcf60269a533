/*
 * reporthtml.c - the period reports (monthly, range), the funder's
 * indicators and the funnel as HTML pages for people: each section a
 * table of its figures in words, and charts where people would rather
 * look than read (referrals by referrer and target group, the path,
 * placements active by kind, contacts held against due; a span month by
 * month; the indicators by gender; the funnel). It renders the same
 * record the other forms carry, after --min-cell: a hidden count is
 * hidden here too. Organisations are named (organisation).
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

/* Figures by the key the records give them, in words. */
static const char *const figures[][2] = {
	{ "referrals", NC_("figure", "Referrals") },
	{ "screening", NC_("figure", "Screening") },
	{ "assessment", NC_("figure", "Assessment") },
	{ "plans", NC_("figure", "Plans") },
	{ "placements", NC_("figure", "Placements") },
	{ "monitoring", NC_("figure", "Monitoring") },
	{ "closures", NC_("figure", "Closures, by outcome") },
	{ "caseload", NC_("figure", "Caseload") },
	{ "median_days", NC_("figure", "Median days between steps") },
	{ "received", NC_("figure", "received") },
	{ "by_referrer", NC_("figure", "by referring service") },
	{ "by_target_group", NC_("figure", "by target group") },
	{ "by_employment", NC_("figure", "by employment status") },
	{ "screened", NC_("figure", "screened") },
	{ "accepted", NC_("figure", "accepted") },
	{ "rejected", NC_("figure", "rejected") },
	{ "rejected_by_rule", NC_("figure", "rejected, by rule") },
	{ "sessions", NC_("figure", "sessions held") },
	{ "cases_assessed", NC_("figure", "cases assessed") },
	{ "decisions", NC_("figure", "decisions") },
	{ "agreed", NC_("figure", "agreed") },
	{ "started", NC_("figure", "started, by kind") },
	{ "ended", NC_("figure", "ended, by outcome") },
	{ "cancelled", NC_("figure", "cancelled before starting") },
	{ "active_on_last_day", NC_("figure", "active on the last day") },
	{ "by_kind", NC_("figure", "by kind") },
	{ "by_host", NC_("figure", "by host") },
	{ "total", NC_("figure", "total") },
	{ "hires", NC_("figure", "hires") },
	{ "contacts_by_party", NC_("figure", "contacts, by whom with") },
	{ "contacts", NC_("figure", "contacts held") },
	{ "high_risk_cases", NC_("figure", "cases at high risk") },
	{ "due", NC_("figure", "contacts due") },
	{ "on_time", NC_("figure", "held on time") },
	{ "on_time_percent", NC_("figure", "held on time, percent") },
	{ "open_by_operator", NC_("figure", "open, by operator") },
	{ "open", NC_("figure", "open") },
	{ "referral_to_screening", NC_("figure", "referral to screening") },
	{ "screening_to_decision", NC_("figure", "screening to decision") },
	{ "decision_to_plan", NC_("figure", "decision to plan") },
	{ "plan_to_placement", NC_("figure", "plan to placement") },
	{ "age_up_to_34", NC_("figure", "aged up to 34") },
	{ "age_50_and_over", NC_("figure", "aged 50 and over") },
	{ "age", NC_("figure", "age") },
	{ "employment", NC_("figure", "employment status") },
	{ "certification", NC_("figure", "certification") },
	{ "municipality", NC_("figure", "municipality") },
	{ "any", NC_("figure", "none of the alternatives") },
	{ "other", NC_("figure", "other") },
	/* the indicators */
	{ "participants", NC_("figure", "Participants") },
	{ "at_entry", NC_("figure", "At entry") },
	{ "on_leaving", NC_("figure", "On leaving (within four weeks)") },
	{ "six_months_after", NC_("figure", "Six months after leaving") },
	{ "entered", NC_("figure", "entered") },
	{ "left", NC_("figure", "left") },
	{ "unemployed", NC_("figure", "unemployed") },
	{ "long_term_unemployed", NC_("figure", "long-term unemployed") },
	{ "inactive", NC_("figure", "inactive") },
	{ "employed", NC_("figure", "employed") },
	{ "under_18", NC_("figure", "under 18") },
	{ "aged_18_29", NC_("figure", "aged 18 to 29") },
	{ "aged_55_and_over", NC_("figure", "aged 55 and over") },
	{ "with_disabilities", NC_("figure", "with disabilities") },
	{ "isced_0_2", NC_("figure", "education up to lower secondary (ISCED 0-2)") },
	{ "isced_3_4", NC_("figure", "upper secondary education (ISCED 3-4)") },
	{ "isced_5_8", NC_("figure", "tertiary education (ISCED 5-8)") },
	{ "job_searching", NC_("figure", "looking for work") },
	{ "education", NC_("figure", "in education or training") },
	{ "qualification", NC_("figure", "gained a qualification") },
	{ "improved", NC_("figure", "situation improved") },
	{ "in_employment", NC_("figure", "in employment") },
	{ "none", NC_("figure", "none of these") },
	{ "not_recorded", NC_("figure", "not recorded") },
	{ "reached", NC_("figure", "reached") },
	{ "employed_at_entry", NC_("figure", "employed at entry") },
	{ "data", NC_("figure", "Data not given") },
	{ "gender_declined", NC_("figure", "gender: declined to say") },
	{ "gender_unknown", NC_("figure", "gender: not known") },
	{ "education_declined", NC_("figure", "education: declined to say") },
	{ "education_unknown", NC_("figure", "education: not known") },
	{ "disability_declined", NC_("figure", "disability: declined to say") },
	{ "disability_unknown", NC_("figure", "disability: not known") },
	{ "citizenship_declined", NC_("figure", "citizenship: declined to say") },
	{ "citizenship_unknown", NC_("figure", "citizenship: not known") },
	{ "foreign_background_declined",
	  NC_("figure", "foreign background: declined to say") },
	{ "foreign_background_unknown",
	  NC_("figure", "foreign background: not known") },
	{ "minority_declined", NC_("figure", "minority: declined to say") },
	{ "minority_unknown", NC_("figure", "minority: not known") },
	{ "homeless_declined",
	  NC_("figure", "housing exclusion: declined to say") },
	{ "homeless_unknown", NC_("figure", "housing exclusion: not known") },
	{ "rural_declined", NC_("figure", "rural area: declined to say") },
	{ "rural_unknown", NC_("figure", "rural area: not known") },
	{ "unemployment_duration_unknown",
	  NC_("figure", "length of unemployment not known") },
	{ NULL, NULL }
};

const char *wf_figure_label(const char *key)
{
	for (int i = 0; figures[i][0]; i++)
		if (!strcmp(figures[i][0], key))
			return wf_pgettext("figure", figures[i][1]);
	return key;
}

/* The field whose labels the keys of a breakdown are. */
static const char *field_of(const char *parent)
{
	static const char *const fields[][2] = {
		{ "started", "type" }, { "by_kind", "type" },
		{ "ended", "outcome" }, { "closures", "outcome" },
		{ "decisions", "decision" }, { "contacts_by_party", "with" },
		{ "by_employment", "employment_status" },
		{ "by_target_group", "certification" }, { NULL, NULL }
	};

	for (int i = 0; parent && fields[i][0]; i++)
		if (!strcmp(fields[i][0], parent))
			return fields[i][1];
	return NULL;
}

/* The name sql gives code (an organisation's, a programme's), else
 * fallback: a label, which a failed lookup only leaves plainer. */
static void name_of(struct wf_store *st, const char *sql, const char *code,
                    const char *fallback, char *buf, size_t len)
{
	struct wf_err e;

	if (!code || wf_sql_text(st, sql, code, NULL, buf, len, &e) || !*buf)
		snprintf(buf, len, "%s", fallback);
}

/* A key of a report in words, by what it is under. */
static void key_label(struct wf_store *st, const char *parent,
                      const char *key, char *buf, size_t len)
{
	const char *field = field_of(parent), *l;

	if (parent && (!strcmp(parent, "by_referrer") ||
	               !strcmp(parent, "by_host"))) {
		name_of(st, WF_SQL_ORG_NAME, key, key, buf, len);
		return;
	}
	l = field ? wf_label(field, key) : key;
	snprintf(buf, len, "%s", l != key ? l : wf_figure_label(key));
}

static void value_text(const cJSON *v, char *buf, size_t len)
{
	if (cJSON_IsNumber(v) && wf_whole(v->valuedouble))
		snprintf(buf, len, "%lld", (long long)v->valuedouble);
	else if (cJSON_IsNumber(v))
		snprintf(buf, len, "%.1f", v->valuedouble);
	else if (cJSON_IsString(v))
		snprintf(buf, len, "%s", v->valuestring);
	else
		snprintf(buf, len, "-");
}

/* A figure of the report as a bar: hidden when --min-cell made it "<N"
 * (its true value is not in the record). */
static void bar_of(struct wf_bar *b, const cJSON *v)
{
	b->hidden = cJSON_IsString(v);
	b->value = cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* Bars for each member of a breakdown. Returns how many. */
static int bars_of(struct wf_store *st, const char *parent, const cJSON *obj,
                   struct wf_bar *b, int most)
{
	const cJSON *c;
	int n = 0;

	cJSON_ArrayForEach(c, obj) {
		if (n == most)
			break;
		key_label(st, parent, c->string, b[n].label, sizeof b[n].label);
		bar_of(&b[n++], c);
	}
	return n;
}

static void chart_of(struct wf_store *st, FILE *f, const char *id,
                     const char *title, const char *head, const char *parent,
                     const cJSON *obj, int min_cell)
{
	struct wf_bar b[64];
	int n;

	if (!cJSON_IsObject(obj))
		return;
	n = bars_of(st, parent, obj, b, 64);
	wf_chart_bars(f, id, title, head, b, n, min_cell);
}

/* ---- the figures of a section as a table ------------------------------- */

static void figure_rows(struct wf_store *st, FILE *f, const char *parent,
                        const cJSON *obj, const char *path,
                        const cJSON *const *others, int depth)
{
	const cJSON *c;
	char label[200], v[64], sub[256];

	cJSON_ArrayForEach(c, obj) {
		key_label(st, parent, c->string, label, sizeof label);
		snprintf(sub, sizeof sub, "%s.%s", path, c->string);
		fprintf(f, "<tr class=\"d%d\">", depth);
		fprintf(f, "<th style=\"padding-left:%.1fem\">", 0.5 + depth * 1.2);
		wf_html_text(f, label);
		fputs("</th>", f);
		if (cJSON_IsObject(c)) {
			fprintf(f, "<td colspan=\"%d\"></td></tr>\n", others ? 3 : 1);
			figure_rows(st, f, c->string, c, sub, others, depth + 1);
			continue;
		}
		value_text(c, v, sizeof v);
		wf_html_cell(f, v, 1, 0);
		/* a figure the other report lacks is none there (as --compare
		 * gives it in the other forms) */
		for (int i = 0; others && i < 2; i++) {
			const cJSON *o = wf_json_path(others[i], sub);

			if (o)
				value_text(o, v, sizeof v);
			else
				snprintf(v, sizeof v, "0");
			wf_html_cell(f, v, 1, 0);
		}
		fputs("</tr>\n", f);
	}
}

static void figure_table(struct wf_store *st, FILE *f, const cJSON *sec,
                         const cJSON *const *others)
{
	fputs("<table class=\"figures\">\n<tr>", f);
	wf_html_cell(f, _("Figure"), 0, 1);
	wf_html_cell(f, C_("figure", "Value"), 1, 1);
	if (others) {
		wf_html_cell(f, _("Previous month"), 1, 1);
		wf_html_cell(f, _("A year before"), 1, 1);
	}
	fputs("</tr>\n", f);
	figure_rows(st, f, NULL, sec, sec->string, others, 0);
	fputs("</table>\n", f);
}

/* ---- the charts of a period -------------------------------------------- */

/* The path in the period, from referral to work: a bar a step. A sum
 * with a hidden member is hidden. */
static void path_chart(FILE *f, const cJSON *r, int min_cell)
{
	static const char *const steps[][2] = {
		{ "referrals.received", N_("referrals received") },
		{ "screening.screened", N_("screened") },
		{ "screening.accepted", N_("accepted") },
		{ "assessment.cases_assessed", N_("cases assessed") },
		{ "plans.agreed", N_("plans agreed") },
		{ "placements.started", N_("placements started") },
		{ "placements.hires", N_("hires") },
	};
	struct wf_bar b[7];
	int n = 0;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const cJSON *v = wf_json_path(r, steps[i][0]), *c;

		if (!v)
			continue;
		snprintf(b[n].label, sizeof b[n].label, "%s", _(steps[i][1]));
		if (cJSON_IsObject(v)) {
			b[n].value = 0;
			b[n].hidden = 0;
			cJSON_ArrayForEach(c, v) {
				b[n].hidden |= cJSON_IsString(c);
				b[n].value += cJSON_IsNumber(c) ? c->valuedouble : 0;
			}
		} else {
			bar_of(&b[n], v);
		}
		n++;
	}
	if (n)
		wf_chart_bars(f, "chart-path", _("From referral to work"),
		              _("Step"), b, n, min_cell);
}

static void contacts_chart(FILE *f, const cJSON *mon, int min_cell)
{
	static const char *const keys[] = { "due", "on_time", "contacts" };
	struct wf_bar b[3];

	for (int i = 0; i < 3; i++) {
		snprintf(b[i].label, sizeof b[i].label, "%s", wf_figure_label(keys[i]));
		bar_of(&b[i], cJSON_GetObjectItem(mon, keys[i]));
	}
	wf_chart_bars(f, "chart-contacts", _("Contacts held against due"),
	              _("Contacts"), b, 3, min_cell);
}

static void section_charts(struct wf_store *st, FILE *f, const cJSON *sec,
                           int min_cell)
{
	const char *name = sec->string;

	if (!strcmp(name, "referrals")) {
		chart_of(st, f, "chart-referrers", _("Referrals by referring "
		         "service"), _("Referring service"), "by_referrer",
		         cJSON_GetObjectItem(sec, "by_referrer"), min_cell);
		chart_of(st, f, "chart-groups", _("Referrals by target group"),
		         _("Target group"), "by_target_group",
		         cJSON_GetObjectItem(sec, "by_target_group"), min_cell);
	} else if (!strcmp(name, "placements")) {
		chart_of(st, f, "chart-active", _("Placements active on the last "
		         "day, by kind"), _("Kind"), "by_kind",
		         wf_json_path(sec, "active_on_last_day.by_kind"), min_cell);
	} else if (!strcmp(name, "monitoring")) {
		contacts_chart(f, sec, min_cell);
	}
}

/* ---- a span month by month --------------------------------------------- */

enum { MONTHS_MOST = 60 };

static double started(const cJSON *r, int *hidden)
{
	const cJSON *c;
	double n = 0;

	cJSON_ArrayForEach(c, wf_json_path(r, "placements.started")) {
		*hidden |= cJSON_IsString(c);
		n += cJSON_IsNumber(c) ? c->valuedouble : 0;
	}
	return n;
}

/* Referrals, placements started and hires, a month each, over the span
 * (the months it touches, each cut to the span; the last 60 at most). */
static int months_chart(struct wf_store *st, FILE *f,
                        const struct wf_period_opts *o, struct wf_err *e)
{
	static double v[3][MONTHS_MOST];
	static int hid[3][MONTHS_MOST];
	char names[MONTHS_MOST][8];
	const char *x[MONTHS_MOST];
	struct wf_period_opts m = *o;
	struct wf_series s[3];
	int y, mo, d, n = 0;
	wf_day first = o->from;

	while (wf_date_add_months(first, MONTHS_MOST) <= o->to)
		first = wf_date_add_months(first, 1);
	for (wf_day at = first; at <= o->to && n < MONTHS_MOST; n++) {
		cJSON *r;
		const cJSON *c;

		wf_date_to_ymd(at, &y, &mo, &d);
		snprintf(names[n], sizeof names[n], "%04d-%02d", y, mo);
		x[n] = names[n];
		wf_month_parse(names[n], &m.from, &m.to);
		m.from = m.from < o->from ? o->from : m.from;
		m.to = m.to > o->to ? o->to : m.to;
		at = m.to + 1;
		m.section = NULL;
		if (!(r = wf_report_period_record(st, &m, e)))
			return e->code;
		c = wf_json_path(r, "referrals.received");
		v[0][n] = cJSON_IsNumber(c) ? c->valuedouble : 0;
		hid[0][n] = cJSON_IsString(c);
		hid[1][n] = 0;
		v[1][n] = started(r, &hid[1][n]);
		c = wf_json_path(r, "placements.hires");
		v[2][n] = cJSON_IsNumber(c) ? c->valuedouble : 0;
		hid[2][n] = cJSON_IsString(c);
		cJSON_Delete(r);
	}
	s[0] = (struct wf_series){ _("referrals received"), v[0], hid[0] };
	s[1] = (struct wf_series){ _("placements started"), v[1], hid[1] };
	s[2] = (struct wf_series){ _("hires"), v[2], hid[2] };
	wf_chart_lines(f, "chart-months", _("Month by month"), x, n, s, 3,
	               o->min_cell);
	return 0;
}

/* ---- the pages ----------------------------------------------------------- */

static void day_text(wf_day d, char *buf, size_t len)
{
	char iso[11];

	wf_date_format(d, iso);
	wf_date_human(iso, buf, len);
}

/* The page's head: its title, the service (the programme's name for a
 * report of one), today. */
static void page_begin(struct wf_store *st, FILE *f, const char *title,
                       const char *programme)
{
	char prog[256], today[16];

	name_of(st, WF_SQL_PROG_NAME, programme, "", prog, sizeof prog);
	day_text(wf_date_today(), today, sizeof today);
	wf_html_begin(f, title, wf_html_service(prog), today);
}

int wf_report_period_html(struct wf_ctx *ctx, const cJSON *r,
                          const cJSON *const *others,
                          const struct wf_period_opts *o, struct wf_err *e)
{
	FILE *f = wf_out_file(ctx->out);
	char title[160], a[16], b[16];
	const cJSON *sec;
	int first = 1, rc = 0;

	day_text(o->from, a, sizeof a);
	day_text(o->to, b, sizeof b);
	if (!strncmp(o->id, "monthly/", 8))
		snprintf(title, sizeof title, _("Monthly report, %s to %s"), a, b);
	else
		snprintf(title, sizeof title, _("Report from %s to %s"), a, b);
	page_begin(ctx->st, f, title, o->programme);
	if (strncmp(o->id, "monthly/", 8) && !o->section) {
		wf_html_section(f, _("Month by month"), first);
		first = 0;
		rc = months_chart(ctx->st, f, o, e);
		wf_html_section_end(f);
	}
	if (!o->section && !rc && cJSON_GetObjectItem(r, "referrals")) {
		wf_html_section(f, _("The path"), first);
		first = 0;
		path_chart(f, r, o->min_cell);
		wf_html_section_end(f);
	}
	cJSON_ArrayForEach(sec, r) {
		if (rc || !cJSON_IsObject(sec))
			continue;
		wf_html_section(f, wf_figure_label(sec->string), first);
		first = 0;
		section_charts(ctx->st, f, sec, o->min_cell);
		figure_table(ctx->st, f, sec, others);
		wf_html_section_end(f);
	}
	wf_html_end(f);
	return rc ? rc : ferror(f) ? wf_err_set(e, WF_EX_IOERR, "cannot write "
	                                        "output") : 0;
}

/* ---- the indicators ------------------------------------------------------- */

static const char *const genders[][2] = {
	{ "women", "female" }, { "men", "male" }, { "non_binary", "non_binary" },
	{ "not_stated", "declined" }
};

/* An indicator by the regulation's words where it names it. */
static const char *indicator(const cJSON *sec, const cJSON *ind)
{
	const char *w = wf_indicator_words(sec->string, ind->string);

	return w ? w : wf_figure_label(ind->string);
}

/* A section of the indicators: a bar for each indicator and gender. */
static void gender_chart(FILE *f, const cJSON *sec, int min_cell)
{
	struct wf_bar *b;
	const cJSON *ind;
	char id[64];
	int n = 0;

	if (!(b = calloc((size_t)cJSON_GetArraySize(sec) * 4 + 1, sizeof *b)))
		return;
	cJSON_ArrayForEach(ind, sec)
		for (int g = 0; g < 4; g++, n++) {
			snprintf(b[n].label, sizeof b[n].label, "%s: %s",
			         indicator(sec, ind), wf_label("gender", genders[g][1]));
			bar_of(&b[n], cJSON_GetObjectItem(ind, genders[g][0]));
		}
	snprintf(id, sizeof id, "chart-%s", sec->string);
	wf_chart_bars(f, id, wf_figure_label(sec->string), _("Indicator"), b, n, min_cell);
	free(b);
}

static void indicator_table(FILE *f, const cJSON *sec)
{
	const cJSON *ind;
	char v[64];

	fputs("<table class=\"figures\">\n<tr>", f);
	wf_html_cell(f, _("Code"), 0, 1);
	wf_html_cell(f, _("Indicator"), 0, 1);
	wf_html_cell(f, _("Total"), 1, 1);
	for (int g = 0; g < 4; g++)
		wf_html_cell(f, wf_label("gender", genders[g][1]), 1, 1);
	fputs("</tr>\n", f);
	cJSON_ArrayForEach(ind, sec) {
		const char *code = wf_indicator_code(sec->string, ind->string);

		fputs("<tr>", f);
		wf_html_cell(f, code ? code : "", 0, 0);
		wf_html_cell(f, indicator(sec, ind), 0, 0);
		value_text(cJSON_GetObjectItem(ind, "total"), v, sizeof v);
		wf_html_cell(f, v, 1, 0);
		for (int g = 0; g < 4; g++) {
			value_text(cJSON_GetObjectItem(ind, genders[g][0]), v, sizeof v);
			wf_html_cell(f, v, 1, 0);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

int wf_report_indicators_html(struct wf_ctx *ctx, const cJSON *r,
                              const struct wf_period_opts *o,
                              struct wf_err *e)
{
	FILE *f = wf_out_file(ctx->out);
	char title[160], a[16], b[16];
	const cJSON *sec;
	int first = 1;

	day_text(o->from, a, sizeof a);
	day_text(o->to, b, sizeof b);
	snprintf(title, sizeof title, _("ESF+ common indicators, %s to %s"), a,
	         b);
	page_begin(ctx->st, f, title, o->programme);
	cJSON_ArrayForEach(sec, r) {
		if (!cJSON_IsObject(sec))
			continue;
		wf_html_section(f, wf_figure_label(sec->string), first);
		first = 0;
		gender_chart(f, sec, o->min_cell);
		indicator_table(f, sec);
		wf_html_section_end(f);
	}
	wf_html_end(f);
	return ferror(f) ? wf_err_set(e, WF_EX_IOERR, "cannot write output") : 0;
}

/* ---- the funnel ------------------------------------------------------------ */

int wf_report_funnel_html(struct wf_ctx *ctx, const cJSON *rows,
                          const char *programme, struct wf_err *e)
{
	FILE *f = wf_out_file(ctx->out);
	struct wf_bar b[32];
	const cJSON *row;
	char title[160], on[16], v[32];
	int n = 0;

	day_text(wf_date_today(), on, sizeof on);
	cJSON_ArrayForEach(row, rows) {
		if (n == 32)
			break;
		snprintf(b[n].label, sizeof b[n].label, "%s",
		         wf_label("status", wf_json_str(row, "id")));
		bar_of(&b[n++], cJSON_GetObjectItem(row, "cases"));
		if (n == 1)
			wf_date_human(wf_json_str(row, "on"), on, sizeof on);
	}
	snprintf(title, sizeof title, _("Cases by step reached, on %s"), on);
	page_begin(ctx->st, f, title, programme);
	wf_html_section(f, _("The funnel"), 1);
	wf_chart_bars(f, "chart-funnel", title, _("Step"), b, n, 0);
	fputs("<table class=\"figures\">\n<tr>", f);
	wf_html_cell(f, _("Step"), 0, 1);
	wf_html_cell(f, _("Cases"), 1, 1);
	wf_html_cell(f, _("Percent"), 1, 1);
	fputs("</tr>\n", f);
	cJSON_ArrayForEach(row, rows) {
		fputs("<tr>", f);
		wf_html_cell(f, wf_label("status", wf_json_str(row, "id")), 0, 0);
		value_text(cJSON_GetObjectItem(row, "cases"), v, sizeof v);
		wf_html_cell(f, v, 1, 0);
		value_text(cJSON_GetObjectItem(row, "percent"), v, sizeof v);
		wf_html_cell(f, v, 1, 0);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	wf_html_section_end(f);
	wf_html_end(f);
	return ferror(f) ? wf_err_set(e, WF_EX_IOERR, "cannot write output") : 0;
}
