/*
 * duestore.c - the histories the due rule reads (duerule.c), one case at
 * a time: the cases open on some day of a span, with their status
 * changes, placements and their changes, and contacts up to its last
 * day. The cases are chosen once, by the index of their status, into a
 * temporary table; four statements read them and their histories in
 * the order of the case ids, merged here, so that a whole caseload costs
 * four passes, not a few statements a case, and memory holds one case.
 *
 * Reads cases, case_status, placement, placement_status, contact and the
 * programmes' monitoring rules.
 */
#include <stdlib.h>
#include <string.h>

#include "duecase.h"

/* One of the statements, and whether it stands on a row not yet read. */
struct stream {
	struct wf_stmt *s;
	int rc;
};

struct due_cursor {
	struct wf_store *st;
	struct stream cases, status, placements, contacts;
	struct due_rules *rules;     /* one per programme met so far */
	int nrules;
	struct due_history h;
};

static int by_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static unsigned parties(const cJSON *list, unsigned deflt)
{
	unsigned m = 0;
	const cJSON *v;

	if (!list)
		return deflt;
	cJSON_ArrayForEach(v, list)
		for (int p = 0; cJSON_IsString(v) && wf_parties[p]; p++)
			if (!strcmp(wf_parties[p], v->valuestring))
				m |= 1u << p;
	return m;
}

/* The monitoring rules of programme code, read once per invocation. */
static const struct due_rules *rules_of(struct due_cursor *c, const char *code,
                                        struct wf_err *e)
{
	const cJSON *mon, *days, *v;
	struct due_rules *r;
	cJSON *prog;

	for (int i = 0; i < c->nrules; i++)
		if (!strcmp(c->rules[i].programme, code))
			return &c->rules[i];
	if (!(prog = wf_programme_get(c->st, code, e)))
		return NULL;
	if (c->nrules % 8 == 0) {
		void *q = realloc(c->rules, (size_t)(c->nrules + 8) * sizeof *r);

		if (!q) {
			cJSON_Delete(prog);
			wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
			return NULL;
		}
		c->rules = q;
	}
	r = &c->rules[c->nrules++];
	memset(r, 0, sizeof *r);
	snprintf(r->programme, sizeof r->programme, "%s", code);
	mon = cJSON_GetObjectItemCaseSensitive(prog, "monitoring");
	v = cJSON_GetObjectItemCaseSensitive(mon, "every_days");
	r->every = cJSON_IsNumber(v) && v->valueint > 0 ? v->valueint : 0;
	r->with = parties(cJSON_GetObjectItemCaseSensitive(mon, "with"), 0);
	/* Follow-ups with the person and the employer unless told. */
	r->hire_with = parties(cJSON_GetObjectItemCaseSensitive(mon,
	                                                        "after_hire_with"),
	                       1u << 0 | 1u << 4);
	days = cJSON_GetObjectItemCaseSensitive(mon, "after_hire_days");
	cJSON_ArrayForEach(v, days)
		if (cJSON_IsNumber(v) && v->valueint > 0 && r->ndays < 16)
			r->days[r->ndays++] = v->valueint;
	qsort(r->days, (size_t)r->ndays, sizeof r->days[0], by_int);
	cJSON_Delete(prog);
	return r;
}

static int party_index(const char *name)
{
	for (int p = 0; name && wf_parties[p]; p++)
		if (!strcmp(wf_parties[p], name))
			return p;
	return -1;
}

/* Start stream s over the cases chosen, up to day to (none for the
 * cases themselves). */
static int start(struct wf_store *st, struct stream *s, const char *sql,
                 const char *to, struct wf_err *e)
{
	if (!(s->s = wf_sql(st, sql, e)))
		return e->code;
	if (to)
		wf_bind_text(s->s, 1, to);
	s->rc = wf_step(s->s);
	return 0;
}

#define DUE_CHOSEN \
	" SELECT c.id, g.code, c.person_id," MANAGER_ON("c.id", "?2") \
	" FROM cases c" \
	" JOIN programme g ON g.id = c.programme_id" \
	" WHERE c.opened_on <= ?2 AND (?3 IS NULL OR g.code = ?3) AND "

/* The cases open on some day from ?1 to ?2 (of programme ?3, or all),
 * held in id order for the four statements that read their histories,
 * each up to ?1, for the due rule to merge (duestore.c): opened by ?2 and
 * not rejected, withdrawn, found ineligible or closed before ?1 (a
 * case's changes never go back in time, so its status now tells). CROSS
 * JOIN keeps these cases the outer loop, so that each one's rows are
 * looked up by index and no history is read whole. */
const char WF_SQL_DUE_KEEP[] =
	"CREATE TEMP TABLE IF NOT EXISTS due_case (n INTEGER PRIMARY KEY,"
	" id TEXT, programme TEXT, person INTEGER, manager TEXT);"
	"DELETE FROM due_case";

/* In id order, so that the order of their rows is the order of the ids,
 * which SQLite knows to be distinct: the histories then come in order
 * from their indexes, with nothing to sort. */
const char WF_SQL_DUE_CHOOSE[] =
	"INSERT INTO due_case (id, programme, person, manager)"
	DUE_CHOSEN "c.status IN " OPEN_STATUSES
	" UNION ALL" DUE_CHOSEN "c.status IN " CASES_OVER
	" AND c." WF_SQL_PAST_REFERRAL " AND c.status_date >= ?1 ORDER BY 1";

/* The cases of the span, into a temporary table in id order: chosen by
 * the index of their status once, not by every stream. */
static int choose(struct wf_store *st, const char *from, const char *to,
                  const char *programme, struct wf_err *e)
{
	struct wf_stmt *s;
	int rc;

	if ((rc = wf_sql_exec(st, WF_SQL_DUE_KEEP, e)) ||
	    !(s = wf_sql(st, WF_SQL_DUE_CHOOSE, e)))
		return rc ? rc : e->code;
	wf_bind_text(s, 1, from);
	wf_bind_text(s, 2, to);
	wf_bind_text(s, 3, programme);
	return wf_sql_done(st, s, e);
}

/* Four streams in the order of the cases chosen: each row's first
 * column is its case's id (at_case() reads it). */
const char WF_SQL_DUE_CASES[] =
	"SELECT t.id, t.programme, t.person, t.manager,"
	" p.first_name || ' ' || p.last_name"
	" FROM due_case t JOIN person p ON p.id = t.person ORDER BY t.n";
enum {
	CASE_ID, CASE_PROGRAMME, CASE_PERSON, CASE_MANAGER, CASE_NAME
};

const char WF_SQL_DUE_STATUSES[] =
	"SELECT t.id, s.status, s.effective_date, s.operator"
	" FROM due_case t CROSS JOIN case_status s ON s.case_id = t.id"
	" WHERE s.effective_date <= ?1 ORDER BY t.n, s.effective_date, s.id";
enum {
	ST_CASE, ST_STATUS, ST_DATE, ST_OPERATOR
};

const char WF_SQL_DUE_PLACEMENTS[] =
	"SELECT t.id, p.id, p.type, s.status, s.effective_date"
	" FROM due_case t CROSS JOIN placement p ON p.case_id = t.id"
	" CROSS JOIN placement_status s ON s.placement_id = p.id"
	" WHERE s.effective_date <= ?1"
	" ORDER BY t.n, " WF_SQL_PLACEMENT_NUM("p") ", s.id";
enum {
	PL_CASE, PL_ID, PL_TYPE, PL_STATUS, PL_DATE
};

const char WF_SQL_DUE_CONTACTS[] =
	"SELECT t.id, k.date, k.party, k.next_date, k.operator, k.placement_id"
	" FROM due_case t CROSS JOIN contact k ON k.case_id = t.id"
	" WHERE k.date <= ?1 ORDER BY t.n, k.date, k.id";
enum {
	CT_CASE, CT_DATE, CT_PARTY, CT_NEXT, CT_OPERATOR, CT_PLACEMENT
};

int wf_due_open(struct wf_store *st, wf_day from, wf_day to,
                const char *programme, struct due_cursor **cp,
                struct wf_err *e)
{
	struct due_cursor *c = calloc(1, sizeof *c);
	char f[11], t[11];
	int rc;

	if (!c)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	c->st = st;
	wf_date_format(from, f);
	wf_date_format(to, t);
	if ((rc = choose(st, f, t, programme, e)) ||
	    (rc = start(st, &c->cases, WF_SQL_DUE_CASES, NULL, e)) ||
	    (rc = start(st, &c->status, WF_SQL_DUE_STATUSES, t, e)) ||
	    (rc = start(st, &c->placements, WF_SQL_DUE_PLACEMENTS, t, e)) ||
	    (rc = start(st, &c->contacts, WF_SQL_DUE_CONTACTS, t, e))) {
		wf_due_close(c);
		return rc;
	}
	*cp = c;
	return 0;
}

/* Step s past the rows of cases before id; whether it stands on one of
 * id's. */
static int at_case(struct stream *s, const char *id)
{
	while (s->rc == WF_ROW) {
		int cmp = strcmp(wf_col_str(s->s, 0), id);

		if (cmp >= 0)
			return cmp == 0;
		s->rc = wf_step(s->s);
	}
	return 0;
}

static int read_statuses(struct due_cursor *c, struct due_history *h)
{
	for (; at_case(&c->status, h->id); c->status.rc = wf_step(c->status.s)) {
		struct wf_stmt *s = c->status.s;
		struct due_status *v;

		if (wf_grow(&h->st, &h->capst, h->nst, sizeof *h->st))
			return -1;
		v = &h->st[h->nst];
		if (wf_date_parse(wf_col_str(s, ST_DATE),
		                  &v->date))
			continue;
		v->open = wf_status_open(
			wf_col_str(s, ST_STATUS));
		if (!h->nst++)
			wf_col_text(s, ST_OPERATOR, h->opener, sizeof h->opener);
	}
	return 0;
}

static char status_letter(const char *status)
{
	static const char *const names = "planned\0active\0suspended\0ended\0"
	                                 "cancelled\0";

	for (const char *n = names; *n; n += strlen(n) + 1)
		if (!strcmp(n, status))
			return *n;
	return '?';
}

static int read_placements(struct due_cursor *c, struct due_history *h)
{
	struct stream *p = &c->placements;

	for (; at_case(p, h->id); p->rc = wf_step(p->s)) {
		const char *pl = wf_col_str(p->s, PL_ID);
		struct due_event *v;

		if (!h->npl || strcmp(h->pl[h->npl - 1].id, pl)) {
			struct due_placement *n;

			if (wf_grow(&h->pl, &h->cappl, h->npl, sizeof *h->pl))
				return -1;
			n = &h->pl[h->npl++];
			snprintf(n->id, sizeof n->id, "%s", pl);
			n->hire = !strcmp(wf_col_str(p->s, PL_TYPE),
			                  "hire");
			n->first = h->nev;
			n->n = 0;
		}
		if (wf_grow(&h->ev, &h->capev, h->nev, sizeof *h->ev))
			return -1;
		v = &h->ev[h->nev];
		if (wf_date_parse(wf_col_str(p->s, PL_DATE),
		                  &v->date))
			continue;
		v->status = status_letter(
			wf_col_str(p->s, PL_STATUS));
		h->nev++;
		h->pl[h->npl - 1].n++;
	}
	return 0;
}

static int placement_index(const struct due_history *h, const char *id)
{
	for (int k = 0; id && k < h->npl; k++)
		if (!strcmp(h->pl[k].id, id))
			return k;
	return -1;
}

static int read_contacts(struct due_cursor *c, struct due_history *h)
{
	struct stream *k = &c->contacts;

	for (; at_case(k, h->id); k->rc = wf_step(k->s)) {
		struct wf_stmt *s = k->s;
		struct due_contact *v;

		if (wf_grow(&h->ct, &h->capct, h->nct, sizeof *h->ct))
			return -1;
		v = &h->ct[h->nct];
		v->party = party_index(wf_col_str(s, CT_PARTY));
		if (v->party < 0 ||
		    wf_date_parse(wf_col_str(s, CT_DATE),
		                  &v->date))
			continue;
		if (wf_col_null(s, CT_NEXT) ||
		    wf_date_parse(wf_col_str(s, CT_NEXT),
		                  &v->next))
			v->next = WF_DUE_NEVER;
		wf_col_text(s, CT_OPERATOR, v->operator_, sizeof v->operator_);
		v->placement = placement_index(h,
			wf_col_str(s, CT_PLACEMENT));
		h->nct++;
	}
	return 0;
}

static int stream_err(struct due_cursor *c, struct wf_err *e)
{
	struct stream *all[] = { &c->cases, &c->status, &c->placements,
	                         &c->contacts };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->rc != WF_ROW && all[i]->rc != WF_DONE)
			return wf_sql_err(c->st, all[i]->rc, e);
	return 0;
}

int wf_due_next(struct due_cursor *c, struct due_history **hp,
                struct wf_err *e)
{
	struct due_history *h = &c->h;
	struct wf_stmt *s = c->cases.s;
	int rc;

	if ((rc = stream_err(c, e)))
		return rc;
	if (c->cases.rc != WF_ROW)
		return 0;
	wf_col_text(s, CASE_ID, h->id, sizeof h->id);
	h->person = wf_col_int64(s, CASE_PERSON);
	wf_col_text(s, CASE_NAME, h->name, sizeof h->name);
	h->opener[0] = '\0';
	h->manager[0] = '\0';
	if (!wf_col_null(s, CASE_MANAGER))
		wf_col_text(s, CASE_MANAGER, h->manager, sizeof h->manager);
	h->nst = h->npl = h->nev = h->nct = 0;
	h->rules = rules_of(c, wf_col_str(s,
	                    CASE_PROGRAMME), e);
	if (!h->rules)
		return e->code;
	if (read_statuses(c, h) || read_placements(c, h) || read_contacts(c, h))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	c->cases.rc = wf_step(s);
	if ((rc = stream_err(c, e)))
		return rc;
	*hp = h;
	return 1;
}

void wf_due_close(struct due_cursor *c)
{
	struct due_history *h;

	if (!c)
		return;
	h = &c->h;
	if (c->cases.s)
		wf_reset(c->cases.s);
	if (c->status.s)
		wf_reset(c->status.s);
	if (c->placements.s)
		wf_reset(c->placements.s);
	if (c->contacts.s)
		wf_reset(c->contacts.s);
	free(h->st);
	free(h->pl);
	free(h->ev);
	free(h->ct);
	free(h->spans);
	free(c->rules);
	free(c);
}
