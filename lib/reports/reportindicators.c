/*
 * reportindicators.c - the European Social Fund Plus common indicators
 * for the participants who entered or left in a span. A participant is a
 * person in a programme who agreed a plan (the individual project): the
 * entry is the first plan's date, the leaving the closing of the case
 * when no other is open. A person who re-enters the same programme is one
 * participant with the first entry's facts and the last leaving's
 * results. Every figure is broken down by gender; a sensitive field the
 * person declined to give is counted apart from one left blank.
 *
 * Reads cases, plan, case_status, referral, person and follow_up.
 */
#include <string.h>

#include "casefile.h"

static const char *const sections[] = { "participants", "at_entry",
                                        "on_leaving", "six_months_after",
                                        "data", NULL };
static const char *const genders[] = { "total", "women", "men",
                                       "non_binary", "not_stated", NULL };

/* The figures of each section, in order; every one is printed, zero or
 * not, so that a report has the same shape every month. */
static const char *const figures[][24] = {
	{ "participants", "total", "entered", "left", NULL },
	{ "at_entry", "unemployed", "long_term_unemployed", "inactive",
	  "employed", "under_18", "aged_18_29", "aged_55_and_over",
	  "with_disabilities", "isced_0_2", "isced_3_4", "isced_5_8",
	  "third_country_nationals", "foreign_background", "minorities",
	  "homeless", "rural_areas", NULL },
	{ "on_leaving", "left", "job_searching", "education", "qualification",
	  "employed", "none", "not_recorded", NULL },
	{ "six_months_after", "left", "reached", "employed",
	  "employed_at_entry", "improved", "not_recorded", NULL },
	{ "data", "gender_declined", "gender_unknown", "education_declined",
	  "education_unknown", "disability_declined", "disability_unknown",
	  "citizenship_declined", "citizenship_unknown",
	  "foreign_background_declined", "foreign_background_unknown",
	  "minority_declined", "minority_unknown", "homeless_declined",
	  "homeless_unknown", "rural_declined", "rural_unknown",
	  "unemployment_duration_unknown", NULL },
};

/* The figures Regulation (EU) 2021/1057 names (Annex I), with the code
 * a managing authority's template knows them by (SFC2021) and the
 * regulation's words. */
static const struct indicator {
	const char *section, *figure, *code, *words;
} regulation[] = {
	{ "participants", "entered", "EECO01",
	  NC_("indicator", "total number of participants") },
	{ "at_entry", "unemployed", "EECO02",
	  NC_("indicator", "unemployed, including long-term unemployed") },
	{ "at_entry", "long_term_unemployed", "EECO03",
	  NC_("indicator", "long-term unemployed") },
	{ "at_entry", "inactive", "EECO04", NC_("indicator", "inactive") },
	{ "at_entry", "employed", "EECO05",
	  NC_("indicator", "employed, including self-employed") },
	{ "at_entry", "under_18", "EECO06",
	  NC_("indicator", "below 18 years of age") },
	{ "at_entry", "aged_18_29", "EECO07",
	  NC_("indicator", "18-29 years of age") },
	{ "at_entry", "aged_55_and_over", "EECO08",
	  NC_("indicator", "55 years of age and above") },
	{ "at_entry", "isced_0_2", "EECO09",
	  NC_("indicator", "with lower secondary education or less (ISCED 0-2)") },
	{ "at_entry", "isced_3_4", "EECO10",
	  NC_("indicator", "with upper secondary (ISCED 3) or post-secondary "
	                   "education (ISCED 4)") },
	{ "at_entry", "isced_5_8", "EECO11",
	  NC_("indicator", "with tertiary education (ISCED 5 to 8)") },
	{ "at_entry", "with_disabilities", "EECO12",
	  NC_("indicator", "participants with disabilities") },
	{ "at_entry", "third_country_nationals", "EECO13",
	  NC_("indicator", "third-country nationals") },
	{ "at_entry", "foreign_background", "EECO14",
	  NC_("indicator", "participants with a foreign background") },
	{ "at_entry", "minorities", "EECO15",
	  NC_("indicator", "minorities (including marginalised communities "
	                   "such as the Roma)") },
	{ "at_entry", "homeless", "EECO16",
	  NC_("indicator", "homeless or affected by housing exclusion") },
	{ "at_entry", "rural_areas", "EECO17",
	  NC_("indicator", "participants from rural areas") },
	{ "on_leaving", "job_searching", "EECR01",
	  NC_("indicator", "participants engaged in job searching upon "
	                   "leaving") },
	{ "on_leaving", "education", "EECR02",
	  NC_("indicator", "participants in education or training upon "
	                   "leaving") },
	{ "on_leaving", "qualification", "EECR03",
	  NC_("indicator", "participants gaining a qualification upon "
	                   "leaving") },
	{ "on_leaving", "employed", "EECR04",
	  NC_("indicator", "participants in employment, including "
	                   "self-employment, upon leaving") },
	{ "six_months_after", "employed", "EECR05",
	  NC_("indicator", "participants in employment, including "
	                   "self-employment, six months after leaving") },
	{ "six_months_after", "improved", "EECR06",
	  NC_("indicator", "participants with an improved labour market "
	                   "situation six months after leaving") },
};

static const struct indicator *named(const char *section, const char *fig)
{
	for (size_t i = 0; i < sizeof regulation / sizeof regulation[0]; i++)
		if (!strcmp(regulation[i].section, section) &&
		    !strcmp(regulation[i].figure, fig))
			return &regulation[i];
	return NULL;
}

const char *wf_indicator_code(const char *section, const char *figure)
{
	const struct indicator *i = named(section, figure);

	return i ? i->code : NULL;
}

const char *wf_indicator_words(const char *section, const char *figure)
{
	const struct indicator *i = named(section, figure);

	return i ? wf_pgettext("indicator", i->words) : NULL;
}

/* One participant: the facts of the first entry, the leaving of the
 * last. */
struct participant {
	char gender[16], education[16], disability[16], citizenship[16];
	char facts[4][16];            /* wf_esf_facts' answers */
	char employment[32], since[11], birth[11];
	char entered[11], last_case[32], status[16], status_date[11];
	cJSON *follow_ups;            /* the last case's: {at, date, situation} */
};

/* Results are taken after leaving (on leaving: up to four weeks on), so
 * they count the follow-ups recorded to the day the report is made, and
 * say which day that was; the rest is as of the span's last day. */
static int as_of_today(const char *section)
{
	return !strcmp(section, "on_leaving") ||
	       !strcmp(section, "six_months_after");
}

static cJSON *new_report(const struct wf_period_opts *o)
{
	cJSON *r = wf_report_head("indicators", o);
	char today[11];

	wf_date_format(wf_date_today(), today);
	cJSON_AddStringToObject(r, "results_as_of", today);

	for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
		cJSON *sec = cJSON_AddObjectToObject(r, figures[i][0]);

		for (int f = 1; figures[i][f]; f++) {
			cJSON *fig = cJSON_AddObjectToObject(sec, figures[i][f]);

			for (int g = 0; genders[g]; g++)
				cJSON_AddNumberToObject(fig, genders[g], 0);
		}
	}
	return r;
}

/* Count one participant of gender column g in section.figure. */
static void count(cJSON *r, const char *section, const char *figure,
                  const char *g)
{
	cJSON *fig = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(r, section), figure);

	wf_json_count(fig, "total", 1);
	wf_json_count(fig, g, 1);
}

static const char *gender_column(const char *gender)
{
	if (!strcmp(gender, "female"))
		return "women";
	if (!strcmp(gender, "male"))
		return "men";
	if (!strcmp(gender, "non_binary"))
		return "non_binary";
	return "not_stated";
}

/* A sensitive field: declined, blank (unknown), or given. */
static void sensitive(cJSON *r, const char *field, const char *value,
                      const char *g)
{
	char name[48];

	if (*value && strcmp(value, "declined"))
		return;
	snprintf(name, sizeof name, "%s_%s", field, *value ? "declined"
	                                                   : "unknown");
	count(r, "data", name, g);
}

/* Unemployed (looking for work, whether or not they worked before),
 * inactive (neither working nor looking: students too) or employed. */
static const char *labour_status(const char *employment)
{
	if (!strcmp(employment, "unemployed") ||
	    !strcmp(employment, "never_employed"))
		return "unemployed";
	if (!strcmp(employment, "employed"))
		return "employed";
	return "inactive";
}

/* Citizenship and the facts the referral records: a citizen of no
 * member state of the Union (stateless too) is a third-country national;
 * the others are answered yes, no or declined. */
static void origin(cJSON *r, const struct participant *p, const char *g)
{
	static const char *const figure_of[] = { "foreign_background",
	                                         "minorities", "homeless",
	                                         "rural_areas" };

	if (*p->citizenship && strcmp(p->citizenship, "declined") &&
	    !wf_country_eu(p->citizenship))
		count(r, "at_entry", "third_country_nationals", g);
	sensitive(r, "citizenship", p->citizenship, g);
	for (int i = 0; wf_esf_facts[i]; i++) {
		if (!strcmp(p->facts[i], "yes"))
			count(r, "at_entry", figure_of[i], g);
		sensitive(r, wf_esf_facts[i], p->facts[i], g);
	}
}

static void at_entry(cJSON *r, const struct participant *p, const char *g)
{
	const char *status = labour_status(p->employment);
	wf_day entry, birth, since;
	int age;

	wf_date_parse(p->entered, &entry);
	wf_date_parse(p->birth, &birth);
	age = wf_date_age(birth, entry);
	count(r, "at_entry", status, g);
	/* Long-term: over twelve months without work at entry, over six for
	 * the under-25s. */
	if (!strcmp(status, "unemployed")) {
		if (wf_date_parse(p->since, &since) < 0)
			count(r, "data", "unemployment_duration_unknown", g);
		else if (wf_date_add_months(since, age < 25 ? 6 : 12) < entry)
			count(r, "at_entry", "long_term_unemployed", g);
	}
	if (age < 18)
		count(r, "at_entry", "under_18", g);
	else if (age <= 29)
		count(r, "at_entry", "aged_18_29", g);
	else if (age >= 55)
		count(r, "at_entry", "aged_55_and_over", g);
	if (!strcmp(p->disability, "yes"))
		count(r, "at_entry", "with_disabilities", g);
	if (!strncmp(p->education, "isced_", 6))
		count(r, "at_entry", p->education, g);
	origin(r, p, g);
	sensitive(r, "gender", p->gender, g);
	sensitive(r, "education", p->education, g);
	sensitive(r, "disability", p->disability, g);
}

/* The situations of the latest follow-up of each kind (on leaving, six
 * months on: in the order of wf_follow_up_times) dated within its window
 * from left and by today, of the follow-ups of the participant's last
 * case in date order: lists to free, NULL where there is none. */
static void follow_ups(const struct participant *p, wf_day left,
                       cJSON *latest[2])
{
	wf_day d, from, to, today = wf_date_today();
	const cJSON *f;

	latest[0] = latest[1] = NULL;
	cJSON_ArrayForEach(f, p->follow_ups) {
		const char *at = wf_json_str(f, "at");
		const char *date = wf_json_str(f, "date");

		for (int k = 0; at && date && k < 2; k++) {
			if (strcmp(at, wf_follow_up_times[k]) ||
			    wf_date_parse(date, &d) < 0)
				continue;
			wf_follow_up_window(at, left, &from, &to);
			if (d >= from && d <= to && d <= today) {
				cJSON_Delete(latest[k]);
				latest[k] = cJSON_Parse(wf_json_str(f, "situation"));
			}
		}
	}
}

static int has(const cJSON *list, const char *situation)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, list)
		if (cJSON_IsString(v) && !strcmp(v->valuestring, situation))
			return 1;
	return 0;
}

/* The situation within four weeks of leaving, and six months on: from
 * the follow-ups recorded to this day, since they come after leaving. */
static void results(cJSON *r, const struct participant *p, const char *g)
{
	static const char *const on_leaving[] = { "job_searching", "education",
	                                          "qualification", "employed",
	                                          "none", NULL };
	cJSON *latest[2];
	const cJSON *six;
	wf_day left, from, to;

	wf_date_parse(p->status_date, &left);
	wf_follow_up_window("six_months", left, &from, &to);
	follow_ups(p, left, latest);
	count(r, "on_leaving", "left", g);
	for (int i = 0; on_leaving[i]; i++)
		if (has(latest[0], on_leaving[i]))
			count(r, "on_leaving", on_leaving[i], g);
	if (!latest[0])
		count(r, "on_leaving", "not_recorded", g);
	count(r, "six_months_after", "left", g);
	six = latest[1];
	if (from <= wf_date_today()) {
		count(r, "six_months_after", "reached", g);
		if (has(six, "employed"))
			count(r, "six_months_after", "employed", g);
		/* An improved situation counts only for those employed at
		 * entry. */
		if (!strcmp(labour_status(p->employment), "employed")) {
			count(r, "six_months_after", "employed_at_entry", g);
			if (has(six, "improved"))
				count(r, "six_months_after", "improved", g);
		}
		if (!six)
			count(r, "six_months_after", "not_recorded", g);
	}
	cJSON_Delete(latest[0]);
	cJSON_Delete(latest[1]);
}

/* Count a participant whose cases are all read: entered or left in the
 * span, or neither (then not one of the report's). */
static void tally(cJSON *r, const struct participant *p,
                  const struct wf_period_opts *o)
{
	const char *g = gender_column(p->gender);
	wf_day entry, left = 0;
	int entered, gone;

	wf_date_parse(p->entered, &entry);
	entered = entry >= o->from && entry <= o->to;
	gone = !strcmp(p->status, "closed") &&
	       wf_date_parse(p->status_date, &left) == 0 && left >= o->from &&
	       left <= o->to;
	if (!entered && !gone)
		return;
	count(r, "participants", "total", g);
	if (entered) {
		count(r, "participants", "entered", g);
		at_entry(r, p, g);
	}
	if (!gone)
		return;
	count(r, "participants", "left", g);
	results(r, p, g);
}

/* The cases of the people who, in a programme (?2, or any), agreed a
 * plan or closed a case from ?3 to ?1: each that entered (agreed a plan)
 * by ?1, with the facts at entry from its first referral and its status
 * as of ?1; grouped by person and programme, first entry first, so that
 * re-entries follow the first. */
const char WF_SQL_ESF_CASES[] =
	"WITH pp (person_key, programme_id) AS (SELECT"
	"  coalesce(w.same_as, w.id), c.programme_id FROM plan p"
	"  JOIN cases c ON c.id = p.case_id JOIN person w ON w.id = c.person_id"
	"  WHERE p.agreed_on BETWEEN ?3 AND ?1"
	" UNION SELECT coalesce(w.same_as, w.id), c.programme_id"
	"  FROM case_closure z JOIN cases c ON c.id = z.case_id"
	"  JOIN person w ON w.id = c.person_id WHERE z.date BETWEEN ?3 AND ?1)"
	" SELECT e.person_key, e.programme_id, e.id, e.entered,"
	CASE_STATUS_ON("e", "?1") ","
	" (CASE WHEN e.status_date <= ?1 THEN e.status_date ELSE"
	"  (SELECT s.effective_date FROM case_status s WHERE s.case_id = e.id"
	"  AND s.effective_date <= ?1 ORDER BY s.effective_date DESC, s.id DESC"
	"  LIMIT 1) END),"
	" pe.birth_date, r.employment_status, r.employment_since, r.gender,"
	" r.education, r.disability, pe.citizenship, r.foreign_background,"
	" r.minority, r.homeless, r.rural,"
	" (SELECT json_group_array(json_object('at', at, 'date', date,"
	"  'situation', situation)) FROM (SELECT at, date, situation"
	"  FROM follow_up WHERE case_id = e.id ORDER BY date, id))"
	" FROM (SELECT c.id, c.person_id, pp.person_key, c.programme_id,"
	"  c.status, c.status_date, (SELECT min(p.agreed_on) FROM plan p"
	"  WHERE p.case_id = c.id AND p.agreed_on <= ?1) AS entered"
	"  FROM pp JOIN person w ON w.id = pp.person_key"
	"  OR w.same_as = pp.person_key"
	"  JOIN cases c ON c.person_id = w.id"
	"  AND c.programme_id = pp.programme_id"
	"  JOIN programme g ON g.id = c.programme_id"
	"  WHERE ?2 IS NULL OR g.code = ?2) e"
	" JOIN person pe ON pe.id = e.person_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = e.id)"
	" WHERE e.entered IS NOT NULL"
	" ORDER BY e.person_key, e.programme_id, e.entered, e.id";
enum {
	ESF_PERSON, ESF_PROGRAMME, ESF_CASE, ESF_ENTERED, ESF_STATUS,
	ESF_STATUS_DATE, ESF_BIRTH, ESF_EMPLOYMENT, ESF_SINCE, ESF_GENDER,
	ESF_EDUCATION, ESF_DISABILITY, ESF_CITIZENSHIP,
	ESF_FACTS,                /* four: wf_esf_facts, in order */
	ESF_FOLLOW_UPS = ESF_FACTS + 4
};

/* Read a participant's first case, or a later one (a re-entry): the
 * facts at entry come from the first, the leaving from the last. */
static int read_case(struct wf_stmt *s, struct participant *p, int first,
                     struct wf_err *e)
{
	wf_day d;
	int bad = 0;

	if (first) {
		bad = wf_col_text(s, ESF_ENTERED, p->entered, sizeof p->entered) |
		      wf_col_text(s, ESF_BIRTH, p->birth, sizeof p->birth) |
		      wf_col_text(s, ESF_EMPLOYMENT, p->employment,
		                  sizeof p->employment) |
		      wf_col_text(s, ESF_SINCE, p->since, sizeof p->since) |
		      wf_col_text(s, ESF_GENDER, p->gender, sizeof p->gender) |
		      wf_col_text(s, ESF_EDUCATION, p->education, sizeof p->education) |
		      wf_col_text(s, ESF_DISABILITY, p->disability,
		                  sizeof p->disability) |
		      wf_col_text(s, ESF_CITIZENSHIP, p->citizenship,
		                  sizeof p->citizenship) |
		      wf_stored_date(p->entered, 0, &d) |
		      wf_stored_date(p->birth, 0, &d);
		for (int i = 0; wf_esf_facts[i]; i++)
			bad |= wf_col_text(s, ESF_FACTS + i, p->facts[i],
			                   sizeof p->facts[i]);
	}
	cJSON_Delete(p->follow_ups);
	p->follow_ups = cJSON_Parse(wf_col_str(s, ESF_FOLLOW_UPS));
	bad |= wf_col_text(s, ESF_CASE, p->last_case, sizeof p->last_case) |
	       wf_col_text(s, ESF_STATUS, p->status, sizeof p->status) |
	       wf_col_text(s, ESF_STATUS_DATE, p->status_date,
	                   sizeof p->status_date) |
	       wf_stored_date(p->status_date, 1, &d);
	if (bad)
		return wf_stored_bad(e, "dates or codes at entry", "participant",
		                     NULL);
	return 0;
}

static cJSON *report(struct wf_store *st, const struct wf_period_opts *o,
                     struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, WF_SQL_ESF_CASES, e);
	cJSON *r = new_report(o);
	struct participant p = { .follow_ups = NULL };
	long long person = -1, programme = -1;
	char from[11], to[11];
	int rc = 0, step;

	if (!s) {
		cJSON_Delete(r);
		return NULL;
	}
	wf_date_format(o->from, from);
	wf_date_format(o->to, to);
	wf_bind_text(s, 1, to);
	wf_bind_text(s, 2, o->programme);
	wf_bind_text(s, 3, from);
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		int first = wf_col_int64(s, ESF_PERSON) != person ||
		            wf_col_int64(s, ESF_PROGRAMME) != programme;

		if (first && person >= 0)
			tally(r, &p, o);
		person = wf_col_int64(s, ESF_PERSON);
		programme = wf_col_int64(s, ESF_PROGRAMME);
		if (!rc)
			rc = read_case(s, &p, first, e);
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(st, step, e);
	if (!rc && person >= 0)
		tally(r, &p, o);
	wf_reset(s);
	cJSON_Delete(p.follow_ups);
	if (rc) {
		cJSON_Delete(r);
		return NULL;
	}
	if (o->min_cell > 1)
		wf_report_suppress(r, o->min_cell);
	return r;
}

/* Each figure as a row (section, indicator, total, by gender, and the
 * day it was taken). */
static int emit_rows(struct wf_ctx *ctx, const cJSON *r, struct wf_err *e)
{
	const cJSON *sec, *fig, *c;
	int rc = 0, human = ctx->fmt == WF_FMT_TABLE || ctx->fmt == WF_FMT_MD ||
	                    ctx->fmt == WF_FMT_HTML;

	cJSON_ArrayForEach(sec, r) {
		if (!cJSON_IsObject(sec))
			continue;
		cJSON_ArrayForEach(fig, sec) {
			cJSON *row = cJSON_CreateObject();
			const char *code, *words;
			char id[96];

			snprintf(id, sizeof id, "%s.%s", sec->string, fig->string);
			cJSON_AddStringToObject(row, "kind", "indicator");
			cJSON_AddStringToObject(row, "id", id);
			cJSON_AddStringToObject(row, "section", human
			                        ? wf_figure_label(sec->string)
			                        : sec->string);
			/* people read the regulation's words, programs the key */
			words = !human ? NULL
			        : wf_indicator_words(sec->string, fig->string)
			        ? wf_indicator_words(sec->string, fig->string)
			        : wf_figure_label(fig->string);
			cJSON_AddStringToObject(row, "indicator",
			                        words ? words : fig->string);
			code = wf_indicator_code(sec->string, fig->string);
			if (code)
				cJSON_AddStringToObject(row, "esf_code", code);
			else
				cJSON_AddNullToObject(row, "esf_code");
			cJSON_ArrayForEach(c, fig)
				cJSON_AddItemToObject(row, c->string,
				                      cJSON_Duplicate(c, 1));
			cJSON_AddStringToObject(row, "as_of", wf_json_str(r,
				as_of_today(sec->string) ? "results_as_of" : "to"));
			rc = wf_emit(ctx, row, e);
			cJSON_Delete(row);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int wf_report_indicators(struct wf_ctx *ctx, const struct wf_period_opts *o,
                         struct wf_err *e)
{
	cJSON *r;
	int rc;

	if (o->section &&
	    (rc = wf_report_section_check(sections, o->section, e)))
		return rc;
	if ((rc = wf_programme_known(ctx->st, o->programme, e)))
		return rc;
	if (!(r = report(ctx->st, o, e)))
		return e->code;
	if (o->section)
		wf_report_keep(r, o->section);
	if (ctx->fmt == WF_FMT_HTML && ctx->out)
		rc = wf_report_indicators_html(ctx, r, o, e);
	else if (ctx->fmt == WF_FMT_YAML || ctx->fmt == WF_FMT_JSON)
		rc = wf_emit(ctx, r, e);
	else
		rc = emit_rows(ctx, r, e);
	cJSON_Delete(r);
	return rc;
}
