/*
 * due.c - what monitoring is due, as of a date. For each case open on that
 * date and each party the programme names:
 *
 *   - while a placement (not a hire) is active, a contact every N days,
 *     counted in days a placement was active: a suspension stops the
 *     clock, and while one is suspended nothing is due;
 *   - a next contact agreed at the last one overrides the cadence;
 *   - after a hire starts, follow-ups at the days the programme lists
 *     (30, 90, 180), each met by a contact after the one before.
 *
 * Everything is taken as of the date: contacts, placement changes and the
 * case's status effective on or before it, so that '--on' in the past
 * tells what was due then.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

#define NEVER 0x7fffffffL

struct period {
	wf_day from, to;           /* [from, to); to NEVER while it runs */
};

struct contact_fact {
	wf_day date, next;         /* next: NEVER when none agreed */
	char party[16], operator_[64];
};

/* What one case looks like on the date. */
struct due_case {
	char id[32], programme[128], person[160], opener[64];
	struct period active[64];
	int nactive, running;      /* running: a placement active on the date */
	wf_day hires[16];
	int nhires;
	struct contact_fact *contacts;
	int ncontacts, capcontacts;
};

static int is_active(const struct due_case *c, wf_day d)
{
	for (int i = 0; i < c->nactive; i++)
		if (d >= c->active[i].from && d < c->active[i].to)
			return 1;
	return 0;
}

/* The day on which n active days have passed since anchor; NEVER when the
 * active periods end first. */
static wf_day after_active_days(const struct due_case *c, wf_day anchor, int n)
{
	wf_day last = 0;
	int count = 0;

	for (int i = 0; i < c->nactive; i++)
		if (c->active[i].to > last)
			last = c->active[i].to;
	for (wf_day d = anchor + 1; d <= last && d < anchor + 10000; d++)
		if (is_active(c, d) && ++count == n)
			return d;
	return NEVER;
}

/* Active periods of one placement, and whether it runs or rests on day. */
static int load_periods(struct wf_store *st, struct due_case *c, const char *pl,
                        int hire, const char *on, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, WF_SQL_DUE_PSTATUS, e);
	const char *status = "planned";
	wf_day from = NEVER, d;
	int rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, pl);
	wf_bind_text(s, 2, on);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		status = (const char *)sqlite3_column_text(s, 0);
		wf_date_parse((const char *)sqlite3_column_text(s, 1), &d);
		if (!strcmp(status, "active")) {
			if (hire && c->nhires < 16 && from == NEVER)
				c->hires[c->nhires++] = d;
			from = d;
		} else if (from != NEVER) {
			if (!hire && c->nactive < 64)
				c->active[c->nactive++] = (struct period){ from, d };
			from = NEVER;
		}
	}
	if (rc == SQLITE_DONE && !hire) {
		if (from != NEVER && c->nactive < 64)
			c->active[c->nactive++] = (struct period){ from, NEVER };
		c->running |= from != NEVER;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : wf_sql_err(st, rc, e);
}

static int load_placements(struct wf_store *st, struct due_case *c,
                           const char *on, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, WF_SQL_DUE_PLACEMENTS, e);
	char ids[32][48];
	int hire[32], n = 0, rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < 32) {
		wf_col_text(s, 0, ids[n], sizeof ids[n]);
		hire[n++] = !strcmp((const char *)sqlite3_column_text(s, 1), "hire");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return wf_sql_err(st, rc, e);
	for (int i = 0; i < n; i++)
		if ((rc = load_periods(st, c, ids[i], hire[i], on, e)))
			return rc;
	return 0;
}

static int load_contacts(struct wf_store *st, struct due_case *c,
                         const char *on, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, WF_SQL_DUE_CONTACTS, e);
	int rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, c->id);
	wf_bind_text(s, 2, on);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct contact_fact *f;

		if (c->ncontacts == c->capcontacts) {
			int cap = c->capcontacts ? c->capcontacts * 2 : 16;
			void *p = realloc(c->contacts, (size_t)cap * sizeof *f);

			if (!p) {
				sqlite3_reset(s);
				return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
			}
			c->contacts = p;
			c->capcontacts = cap;
		}
		f = &c->contacts[c->ncontacts++];
		wf_date_parse((const char *)sqlite3_column_text(s, 0), &f->date);
		wf_col_text(s, 1, f->party, sizeof f->party);
		if (sqlite3_column_type(s, 2) == SQLITE_NULL ||
		    wf_date_parse((const char *)sqlite3_column_text(s, 2),
		                  &f->next) < 0)
			f->next = NEVER;
		wf_col_text(s, 3, f->operator_, sizeof f->operator_);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : wf_sql_err(st, rc, e);
}

static const struct contact_fact *last_with(const struct due_case *c,
                                            const char *party)
{
	for (int i = c->ncontacts; i-- > 0;)
		if (!strcmp(c->contacts[i].party, party))
			return &c->contacts[i];
	return NULL;
}

/* One due item, kept if the filters want it. */
static void add_item(cJSON *items, const struct due_case *c, const char *party,
                     wf_day due, const char *reason, const char *ref,
                     const struct due_filter *f)
{
	const struct contact_fact *l = last_with(c, party);
	const char *op = l ? l->operator_
	                 : c->ncontacts ? c->contacts[c->ncontacts - 1].operator_
	                 : c->opener;
	cJSON *r;
	char date[11], id[96];

	if (due == NEVER || due > f->limit || (f->overdue && due >= f->on) ||
	    (f->with && strcmp(f->with, party)) ||
	    (f->operator_ && strcmp(f->operator_, op)))
		return;
	r = cJSON_CreateObject();
	snprintf(id, sizeof id, "%s/%s%s%s", c->id, party, ref ? "/" : "",
	         ref ? ref : "");
	cJSON_AddStringToObject(r, "kind", "due");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "case", c->id);
	cJSON_AddStringToObject(r, "person", c->person);
	wf_date_format(due, date);
	cJSON_AddStringToObject(r, "due", date);
	cJSON_AddStringToObject(r, "with", party);
	cJSON_AddBoolToObject(r, "overdue", due < f->on);
	if (due < f->on)
		cJSON_AddNumberToObject(r, "days_overdue", (double)(f->on - due));
	cJSON_AddStringToObject(r, "reason", reason);
	if (l) {
		wf_date_format(l->date, date);
		cJSON_AddStringToObject(r, "last_contact", date);
	}
	cJSON_AddStringToObject(r, "operator", op);
	cJSON_AddStringToObject(r, "programme", c->programme);
	cJSON_AddItemToArray(items, r);
}

/* Next contacts agreed: due with any party, whatever the step. */
static void agreed(cJSON *items, const struct due_case *c,
                   const struct due_filter *f)
{
	for (int i = 0; i < c->ncontacts; i++) {
		const struct contact_fact *k = &c->contacts[i];

		if (k->next != NEVER && k == last_with(c, k->party))
			add_item(items, c, k->party, k->next, "agreed", NULL, f);
	}
}

/* The cadence while a placement runs, for the parties with no next
 * contact agreed. */
static void cadence(cJSON *items, const struct due_case *c, const cJSON *mon,
                    const struct due_filter *f)
{
	const cJSON *every = cJSON_GetObjectItemCaseSensitive(mon, "every_days");
	const cJSON *p;
	char why[64];
	wf_day first = NEVER;

	if (!c->running || !cJSON_IsNumber(every))
		return;
	for (int i = 0; i < c->nactive; i++)
		if (c->active[i].from < first)
			first = c->active[i].from;
	snprintf(why, sizeof why, "every %d days", every->valueint);
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(mon, "with")) {
		const struct contact_fact *l = last_with(c, p->valuestring);
		wf_day anchor = l && l->date > first ? l->date : first;

		if (l && l->next != NEVER)
			continue;
		add_item(items, c, p->valuestring,
		         after_active_days(c, anchor, every->valueint), why, NULL, f);
	}
}

/* Follow-ups after each hire: the first not met by a contact made after
 * the one before. */
static void follow_ups(cJSON *items, const struct due_case *c,
                       const cJSON *mon, const struct due_filter *f)
{
	static const char *const dflt[] = { "person", "employer", NULL };
	const cJSON *days = cJSON_GetObjectItemCaseSensitive(mon, "after_hire_days");
	const cJSON *with = cJSON_GetObjectItemCaseSensitive(mon, "after_hire_with");
	int nw = with ? cJSON_GetArraySize(with) : 2;

	for (int h = 0; h < c->nhires && days; h++) {
		for (int w = 0; w < nw; w++) {
			const char *party = with ? cJSON_GetArrayItem(with, w)->valuestring
			                         : dflt[w];
			wf_day from = c->hires[h];
			int k = 0;
			const cJSON *d;

			cJSON_ArrayForEach(d, days) {
				char why[64], ref[16];

				while (k < c->ncontacts &&
				       (strcmp(c->contacts[k].party, party) ||
				        c->contacts[k].date < from))
					k++;
				if (k < c->ncontacts) {
					from = c->hires[h] + d->valueint;
					k++;
					continue;
				}
				snprintf(why, sizeof why, "%d days after the hire",
				         d->valueint);
				snprintf(ref, sizeof ref, "%dd", d->valueint);
				add_item(items, c, party, c->hires[h] + d->valueint, why,
				         ref, f);
				break;
			}
		}
	}
}

static int by_due(const void *a, const void *b)
{
	const cJSON *x = *(cJSON *const *)a, *y = *(cJSON *const *)b;
	int r = strcmp(wf_json_str(x, "due"), wf_json_str(y, "due"));

	return r ? r : strcmp(wf_json_str(x, "id"), wf_json_str(y, "id"));
}

/* The items of one case. */
static int one_case(struct wf_store *st, sqlite3_stmt *s, const char *on,
                    const struct due_filter *f, cJSON *items,
                    struct wf_err *e)
{
	struct due_case c = { 0 };
	cJSON *prog, *mon;
	char first[64], last[64];
	int rc;

	wf_col_text(s, 0, c.id, sizeof c.id);
	wf_col_text(s, 1, c.programme, sizeof c.programme);
	wf_col_text(s, 2, first, sizeof first);
	wf_col_text(s, 3, last, sizeof last);
	snprintf(c.person, sizeof c.person, "%s %s", first, last);
	wf_col_text(s, 5, c.opener, sizeof c.opener);
	if (sqlite3_column_type(s, 4) == SQLITE_NULL ||
	    !wf_status_open((const char *)sqlite3_column_text(s, 4)))
		return 0;
	if (!(prog = wf_programme_get(st, c.programme, e)))
		return e->code;
	mon = cJSON_GetObjectItemCaseSensitive(prog, "monitoring");
	if (!(rc = load_placements(st, &c, on, e)) &&
	    !(rc = load_contacts(st, &c, on, e))) {
		agreed(items, &c, f);
		if (mon) {
			cadence(items, &c, mon, f);
			follow_ups(items, &c, mon, f);
		}
	}
	free(c.contacts);
	cJSON_Delete(prog);
	return rc;
}

int wf_due_collect(struct wf_store *st, const char *case_id,
                   const char *programme, const struct due_filter *f,
                   cJSON *items, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, case_id ? WF_SQL_DUE_CASE : WF_SQL_DUE_CASES,
	                         e);
	char on[11];
	int rc = 0, step;

	if (!s)
		return e->code;
	wf_date_format(f->on, on);
	wf_bind_text(s, 1, on);
	wf_bind_text(s, 2, case_id ? case_id : programme);
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = one_case(st, s, on, f, items, e);
	if (!rc && step != SQLITE_DONE)
		rc = wf_sql_err(st, step, e);
	sqlite3_reset(s);
	return rc;
}

int wf_monitor_due(struct wf_ctx *ctx, const void *filter, struct wf_err *e)
{
	const struct due_filter *f = filter;
	cJSON *items = cJSON_CreateArray(), **sorted;
	char on[11];
	int rc = wf_due_collect(ctx->st, NULL, NULL, f, items, e), n;

	n = cJSON_GetArraySize(items);
	sorted = calloc((size_t)n + 1, sizeof *sorted);
	for (int i = 0; sorted && i < n; i++)
		sorted[i] = cJSON_GetArrayItem(items, i);
	if (sorted)
		qsort(sorted, (size_t)n, sizeof *sorted, by_due);
	for (int i = 0; !rc && sorted && i < n; i++)
		rc = wf_emit(ctx, sorted[i], e);
	free(sorted);
	cJSON_Delete(items);
	if (!rc && n == 0) {
		wf_date_format(f->overdue ? f->on - 1 : f->limit, on);
		rc = wf_err_set(e, WF_EX_NOMATCH, "nothing due by %s", on);
	}
	return rc;
}
