/*
 * quality.c - wf-report quality: what a coordinator must chase before the
 * figures can be trusted. For each field a report needs, how many open
 * and closed cases have it missing or declined (citizenship also written
 * as no country, a tax code also whose letters the names do not give);
 * then the cases a rule says something is late for: a referral not
 * screened within 15 days, a placement going on past its planned end, a
 * contact overdue by the programme's cadence, a follow-up whose window
 * passed with none recorded, a person flagged as a possible duplicate and
 * not reviewed. Every line is printed, zero or not; -o json and yaml list
 * the cases of each.
 *
 * Reads cases, person, referral, placement, person_duplicate, and what
 * wf-monitor due reads.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

const char wf_quality_columns[] = "check,state,open,closed,cases";

/* A line of the report: a check (a field, or a rule) and its state. */
struct line {
	const char *check, *state;
	long open, closed;
	cJSON *cases;
};

enum { MISSING, DECLINED, NOT_A_COUNTRY, NAMES_DIFFER, NSTATES };
static const char *const states[NSTATES] = { "missing", "declined",
                                             "not_a_country",
                                             "names_differ" };
#define BIT(state) (1u << (state))

/* The operator in charge of case c on ?1: the manager assigned, else who
 * met the person last, else who recorded the referral. */
#define IN_CHARGE \
	" coalesce(" MANAGER_ON("c.id", "?1") "," \
	"  (SELECT k.operator FROM contact k WHERE k.case_id = c.id" \
	"   AND k.date <= ?1 ORDER BY k.date DESC, k.id DESC LIMIT 1)," \
	"  (SELECT s.operator FROM case_status s WHERE s.case_id = c.id" \
	"   ORDER BY s.id LIMIT 1))"

/* The open and closed cases of programme ?2 (or all) in the charge of
 * ?3 (or anyone) on ?1 that meet cond: id, closed, then cols. */
#define QUALITY_CASES(cols, joins, cond) \
	"SELECT * FROM (SELECT c.id, c.status = 'closed'" cols "," IN_CHARGE \
	" AS op FROM cases c JOIN programme pr ON pr.id = c.programme_id" joins \
	" WHERE (c.status = 'closed' OR c.status IN " OPEN_STATUSES ")" \
	" AND (?2 IS NULL OR pr.code = ?2) AND " cond ")" \
	" WHERE ?3 IS NULL OR op = ?3 ORDER BY id"

/* The fields the reports need, of the people not erased. */
static const char SQL_QUALITY_FIELDS[] = QUALITY_CASES(
	", pe.tax_code, pe.citizenship, pe.citizenship_as_written,"
	" pe.name_letters, r.gender, r.education, r.disability,"
	" r.foreign_background, r.minority, r.homeless, r.rural,"
	" r.employment_status, r.employment_since",
	" JOIN person pe ON pe.id = c.person_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)",
	"pe.erased_at IS NULL");
/* The columns of a QUALITY_CASES row: the case and whether it is closed,
 * then, of SQL_QUALITY_FIELDS, its own. */
enum {
	Q_ID, Q_CLOSED, Q_TAX_CODE, Q_CITIZENSHIP, Q_CITIZENSHIP_AS_WRITTEN,
	Q_NAME_LETTERS, Q_GENDER, Q_EDUCATION, Q_DISABILITY,
	Q_FOREIGN_BACKGROUND, Q_MINORITY, Q_HOMELESS, Q_RURAL,
	Q_EMPLOYMENT_STATUS, Q_EMPLOYMENT_SINCE
};

/* The fields, by their column in SQL_QUALITY_FIELDS, and the states
 * each is counted in. */
static const struct field {
	const char *name;
	int col;
	unsigned states;
} fields[] = {
	{ "tax_code", Q_TAX_CODE, BIT(MISSING) | BIT(NAMES_DIFFER) },
	{ "citizenship", Q_CITIZENSHIP,
	  BIT(MISSING) | BIT(DECLINED) | BIT(NOT_A_COUNTRY) },
	{ "gender", Q_GENDER, BIT(MISSING) | BIT(DECLINED) },
	{ "education", Q_EDUCATION, BIT(MISSING) | BIT(DECLINED) },
	{ "disability", Q_DISABILITY, BIT(MISSING) | BIT(DECLINED) },
	{ "foreign_background", Q_FOREIGN_BACKGROUND, BIT(MISSING)
		| BIT(DECLINED) },
	{ "minority", Q_MINORITY, BIT(MISSING) | BIT(DECLINED) },
	{ "homeless", Q_HOMELESS, BIT(MISSING) | BIT(DECLINED) },
	{ "rural", Q_RURAL, BIT(MISSING) | BIT(DECLINED) },
	{ "employment_since", Q_EMPLOYMENT_SINCE, BIT(MISSING) },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* The rules, in the order they are printed. */
static const char *const rules[] = { "referral_not_screened",
                                     "placement_past_end", "contact_overdue",
                                     "follow_up_missing",
                                     "duplicate_unreviewed", NULL };
#define NRULES 5
#define NLINES (NFIELDS * NSTATES + NRULES)

struct report {
	struct line line[NLINES];
	int n;
	int at[NFIELDS][NSTATES];  /* the line of a field's state, by index:
	                              looked up for every case */
	char **scope;          /* the cases looked at, by id, for the rules
	                          wf-monitor due's reading finds */
	int nscope, capscope;
};

/* The line of a rule. */
static struct line *rule_line(struct report *r, const char *rule)
{
	for (int i = 0; i < r->n; i++)
		if (!r->line[i].state && !strcmp(r->line[i].check, rule))
			return &r->line[i];
	return NULL;
}

static void setup(struct report *r)
{
	memset(r, 0, sizeof *r);
	for (size_t f = 0; f < NFIELDS; f++)
		for (int s = 0; s < NSTATES; s++)
			if (fields[f].states & BIT(s)) {
				r->at[f][s] = r->n;
				r->line[r->n++] = (struct line){ fields[f].name,
					states[s], 0, 0, cJSON_CreateArray() };
			}
	for (int i = 0; rules[i]; i++)
		r->line[r->n++] = (struct line){ rules[i], NULL, 0, 0,
		                                 cJSON_CreateArray() };
}

static void finish(struct report *r)
{
	for (int i = 0; i < r->n; i++)
		cJSON_Delete(r->line[i].cases);
	for (int i = 0; i < r->nscope; i++)
		free(r->scope[i]);
	free(r->scope);
}

static void add(struct line *l, const char *id, int closed)
{
	if (closed)
		l->closed++;
	else
		l->open++;
	cJSON_AddItemToArray(l->cases, cJSON_CreateString(id));
}

/* The state of field f in the row, or -1 when it is given. */
static int state_of(struct wf_stmt *s, const struct field *f)
{
	const char *v = wf_col_str(s, f->col);

	if (!strcmp(f->name, "employment_since")) {
		const char *st =
			wf_col_str(s, Q_EMPLOYMENT_STATUS);

		return !v && st && (!strcmp(st, "unemployed") ||
		                    !strcmp(st, "never_employed")) ? MISSING : -1;
	}
	if (!strcmp(f->name, "citizenship") && !v &&
	    !wf_col_null(s, Q_CITIZENSHIP_AS_WRITTEN))
		return NOT_A_COUNTRY;
	if (!strcmp(f->name, "tax_code") && v &&
	    !wf_col_null(s, Q_NAME_LETTERS))
		return NAMES_DIFFER;
	if (!v || !*v)
		return MISSING;
	return strcmp(v, "declined") ? -1 : DECLINED;
}

static int keep_scope(struct report *r, const char *id)
{
	char *copy = strdup(id);

	if (!copy || wf_grow(&r->scope, &r->capscope, r->nscope,
	                     sizeof *r->scope)) {
		free(copy);
		return -1;
	}
	r->scope[r->nscope++] = copy;
	return 0;
}

static struct wf_stmt *run(struct wf_store *st, const char *sql,
                         const struct wf_quality_opts *o, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	char today[11], cut[11];

	if (!s)
		return NULL;
	wf_date_format(o->on, today);
	/* late: referred more than 15 days before */
	wf_date_format(o->on - 16, cut);
	wf_bind_text(s, 1, today);
	wf_bind_text(s, 2, o->programme);
	wf_bind_text(s, 3, o->operator_);
	if (wf_bind_count(s) >= 4)
		wf_bind_text(s, 4, cut);
	return s;
}

static int fields_of(struct wf_store *st, struct report *r,
                     const struct wf_quality_opts *o, struct wf_err *e)
{
	struct wf_stmt *s = run(st, SQL_QUALITY_FIELDS, o, e);
	int rc = 0, step;

	if (!s)
		return e->code;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		const char *id = wf_col_str(s, Q_ID);
		int closed = wf_col_int(s, Q_CLOSED);

		for (size_t f = 0; f < NFIELDS; f++) {
			int state = state_of(s, &fields[f]);

			if (state >= 0)
				add(&r->line[r->at[f][state]], id, closed);
		}
		if (keep_scope(r, id))
			rc = wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(st, step, e);
	wf_reset(s);
	return rc;
}

static int rule(struct wf_store *st, struct report *r, const char *sql,
                const char *name, const struct wf_quality_opts *o,
                struct wf_err *e)
{
	struct wf_stmt *s = run(st, sql, o, e);
	struct line *l = rule_line(r, name);
	int step;

	if (!s)
		return e->code;
	while ((step = wf_step(s)) == WF_ROW)
		add(l, wf_col_str(s, Q_ID),
		    wf_col_int(s, Q_CLOSED));
	wf_reset(s);
	return step == WF_DONE ? 0 : wf_sql_err(st, step, e);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The cases wf-monitor due finds late, of those looked at (in charge of
 * the operator asked for, of people not erased). */
static void in_scope(struct report *r, const char *name, const cJSON *ids,
                     int closed)
{
	struct line *l = rule_line(r, name);
	const cJSON *id;

	cJSON_ArrayForEach(id, ids) {
		const char *key = id->valuestring;

		if (r->nscope && bsearch(&key, r->scope, (size_t)r->nscope, sizeof *r->scope,
		            by_id))
			add(l, key, closed);
	}
}

static int due_rules(struct wf_store *st, struct report *r,
                     const struct wf_quality_opts *o, struct wf_err *e)
{
	cJSON *contacts = cJSON_CreateArray(), *follow = cJSON_CreateArray();
	int rc;

	/* the scope came in SQLite's order of ids: sort it as strcmp does */
	if (r->nscope)
		qsort(r->scope, (size_t)r->nscope, sizeof *r->scope, by_id);
	if (!(rc = wf_due_overdue(st, o->on, o->programme, contacts, follow, e))) {
		in_scope(r, "contact_overdue", contacts, 0);
		in_scope(r, "follow_up_missing", follow, 1);
	}
	cJSON_Delete(contacts);
	cJSON_Delete(follow);
	return rc;
}

static int emit(struct wf_ctx *ctx, struct report *r, wf_day day,
                struct wf_err *e)
{
	int listed = ctx->fmt == WF_FMT_JSON || ctx->fmt == WF_FMT_YAML;
	char on[11];
	int rc = 0;

	wf_date_format(day, on);
	for (int i = 0; !rc && i < r->n; i++) {
		struct line *l = &r->line[i];
		cJSON *row = cJSON_CreateObject();
		char id[64];

		snprintf(id, sizeof id, "%s%s%s", l->check, l->state ? "." : "",
		         l->state ? l->state : "");
		cJSON_AddStringToObject(row, "kind", "quality");
		cJSON_AddStringToObject(row, "id", id);
		cJSON_AddStringToObject(row, "check", l->check);
		if (l->state)
			cJSON_AddStringToObject(row, "state", l->state);
		else
			cJSON_AddNullToObject(row, "state");
		cJSON_AddNumberToObject(row, "open", (double)l->open);
		cJSON_AddNumberToObject(row, "closed", (double)l->closed);
		cJSON_AddNumberToObject(row, "cases", (double)(l->open + l->closed));
		if (listed) {
			cJSON_AddItemToObject(row, "case_ids", l->cases);
			l->cases = NULL;
		}
		cJSON_AddStringToObject(row, "on", on);
		rc = wf_emit(ctx, row, e);
		cJSON_Delete(row);
	}
	return rc;
}

/* Referred on or before ?4 and not screened since. */
static const char SQL_QUALITY_UNSCREENED[] = QUALITY_CASES("", "",
	"c.status = 'referred' AND c.status_date <= ?4");

/* A placement going on past its planned end. */
static const char SQL_QUALITY_PLACEMENTS[] = QUALITY_CASES("", "",
	"c.id IN (SELECT p.case_id FROM placement p"
	" WHERE p.status IN ('active', 'suspended') AND p.end_date < ?1)");

/* A person flagged as a possible duplicate, not yet reviewed. */
static const char SQL_QUALITY_DUPLICATES[] = QUALITY_CASES("", "",
	"c.person_id IN (SELECT person_id FROM person_duplicate"
	" WHERE decision IS NULL)");

int wf_report_quality(struct wf_ctx *ctx, const struct wf_quality_opts *o,
                      struct wf_err *e)
{
	struct report r;
	int rc;

	if ((rc = wf_programme_known(ctx->st, o->programme, e)))
		return rc;
	setup(&r);
	if (!(rc = fields_of(ctx->st, &r, o, e)) &&
	    !(rc = rule(ctx->st, &r, SQL_QUALITY_UNSCREENED,
	                "referral_not_screened", o, e)) &&
	    !(rc = rule(ctx->st, &r, SQL_QUALITY_PLACEMENTS,
	                "placement_past_end", o, e)) &&
	    !(rc = due_rules(ctx->st, &r, o, e)) &&
	    !(rc = rule(ctx->st, &r, SQL_QUALITY_DUPLICATES,
	                "duplicate_unreviewed", o, e)))
		rc = emit(ctx, &r, o->on, e);
	finish(&r);
	return rc;
}
