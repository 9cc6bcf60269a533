/*
 * duerule.c - the rule of what monitoring is due, applied to one case's
 * history as of a day (see wf-monitor(1), "What is due"). It reads no
 * store and prints nothing: due.c lists what it finds and tallies it for
 * the period reports, duestore.c loads the histories. For a case open on
 * the day:
 *
 *   - a next contact agreed at the last contact with a party is due on
 *     that day, whatever the step;
 *   - otherwise, while a placement other than a hire is active, the
 *     cadence: each party of the programme's list is due every N days
 *     counted in days a placement was active (a suspension stops the
 *     clock), after the last contact with it or the first placement's
 *     start. The tutor is the exception: each placement has its own, so
 *     the clock is kept for each placement, from its start, counted in
 *     its own active days; a contact with a tutor counts for the
 *     placement it names, or for every placement running that day;
 *   - after a hire starts, follow-ups at the days the programme lists. A
 *     contact meets every follow-up fallen due and not met yet (late), or,
 *     when none is, the next one (early); what is listed is the latest
 *     fallen due and not met, else the next.
 *
 * Everything is taken as of the day: events effective after it are not
 * seen, so that a day in the past tells what was due then.
 */
#include <stdlib.h>
#include <string.h>

#include "duecase.h"

struct due_span {
	wf_day from, to;             /* [from, to); to WF_DUE_NEVER: running */
};

/* Where a placement stands as of a day. */
struct pstate {
	wf_day start;                /* first start; WF_DUE_NEVER: none */
	int running;                 /* started, not ended nor cancelled */
	int active;                  /* running and not suspended */
};

static void pstate(const struct due_history *h, int k, wf_day t,
                   struct pstate *s)
{
	const struct due_placement *p = &h->pl[k];

	*s = (struct pstate){ WF_DUE_NEVER, 0, 0 };
	for (int i = p->first; i < p->first + p->n; i++) {
		const struct due_event *v = &h->ev[i];

		/* A placement recorded late is planned as of its start; its
		 * planning says nothing of whether it runs. */
		if (v->date > t || v->status == 'p')
			continue;
		if (v->status == 'a' && s->start == WF_DUE_NEVER)
			s->start = v->date;
		s->running = v->status == 'a' || v->status == 's';
		s->active = v->status == 'a';
	}
}

static int by_from(const void *a, const void *b)
{
	const struct due_span *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/* The periods in which placement only (every placement but the hires,
 * when only is -1) was active as of t, sorted by their start, into
 * h->spans. Returns how many, or -1 out of memory. */
static int spans(struct due_history *h, int only, wf_day t)
{
	int n = 0;

	for (int k = 0; k < h->npl; k++) {
		const struct due_placement *p = &h->pl[k];
		wf_day from = WF_DUE_NEVER;

		if (p->hire || (only >= 0 && k != only))
			continue;
		for (int i = p->first; i <= p->first + p->n; i++) {
			const struct due_event *v = i < p->first + p->n ? &h->ev[i]
			                            : NULL;

			if (v && (v->date > t || v->status == 'p'))
				continue;
			if (v && v->status == 'a') {
				if (from == WF_DUE_NEVER)
					from = v->date;
				continue;
			}
			if (from == WF_DUE_NEVER)
				continue;
			if (wf_grow(&h->spans, &h->capspans, n, sizeof *h->spans))
				return -1;
			h->spans[n++] = (struct due_span){ from, v ? v->date
			                                           : WF_DUE_NEVER };
			from = WF_DUE_NEVER;
		}
	}
	qsort(h->spans, (size_t)n, sizeof *h->spans, by_from);
	return n;
}

/* The day on which n active days have passed since anchor, the periods
 * overlapping or not; WF_DUE_NEVER when they end first. */
static wf_day nth_active_day(const struct due_span *s, int ns, wf_day anchor,
                             int n)
{
	wf_day cur = anchor + 1;
	long left = n;

	for (int i = 0; i < ns; i++) {
		wf_day a = s[i].from > cur ? s[i].from : cur, b = s[i].to;

		if (b <= a)
			continue;
		if (b == WF_DUE_NEVER || b - a >= left)
			return a + left - 1;
		left -= b - a;
		cur = b;
	}
	return WF_DUE_NEVER;
}

static int push(struct due_items *l, struct due_item it)
{
	if (wf_grow(&l->v, &l->cap, l->n, sizeof *l->v))
		return -1;
	l->v[l->n++] = it;
	return 0;
}

/* Whether contact c counts for placement k's tutor: it names k, or names
 * none and k was running that day. */
static int counts_for(const struct due_history *h, const struct due_contact *c,
                      int k)
{
	struct pstate s;

	if (c->placement >= 0)
		return c->placement == k;
	pstate(h, k, c->date, &s);
	return s.running;
}

/* What the contacts up to t say: the last with each party, and the
 * number of them (those are ct[0 .. *n)). */
static void last_contacts(const struct due_history *h, wf_day t, int *last,
                          int nparties, int *n)
{
	for (int p = 0; p < nparties; p++)
		last[p] = -1;
	for (*n = 0; *n < h->nct && h->ct[*n].date <= t; (*n)++)
		if (h->ct[*n].party < nparties)
			last[h->ct[*n].party] = *n;
}

/* The tutor's cadence: one clock for each placement active on t. */
static int tutor_cadence(struct due_history *h, wf_day t, int nct,
                         const int *last, struct due_items *out)
{
	int every = h->rules->every;

	for (int k = 0; k < h->npl; k++) {
		struct pstate s;
		int l = -1, ns;
		wf_day anchor;

		pstate(h, k, t, &s);
		if (h->pl[k].hire || !s.active)
			continue;
		for (int i = nct; i-- > 0 && l < 0;)
			if (h->ct[i].party == WF_DUE_TUTOR && counts_for(h, &h->ct[i], k))
				l = i;
		/* The next contact agreed with the tutor replaces the clock of
		 * the placements that contact was about. */
		if (l >= 0 && l == last[WF_DUE_TUTOR] &&
		    h->ct[l].next != WF_DUE_NEVER)
			continue;
		if ((ns = spans(h, k, t)) < 0)
			return -1;
		anchor = l >= 0 && h->ct[l].date > s.start ? h->ct[l].date : s.start;
		if (push(out, (struct due_item){
			.party = WF_DUE_TUTOR, .placement = k, .every = every,
			.due = nth_active_day(h->spans, ns, anchor, every), .last = l }))
			return -1;
	}
	return 0;
}

/* Every other party's cadence: one clock across the placements, in the
 * days any of them was active. */
static int cadence(struct due_history *h, wf_day t, const int *last,
                   struct due_items *out)
{
	wf_day first = WF_DUE_NEVER;
	int active = 0, ns, every = h->rules->every;

	for (int k = 0; k < h->npl; k++) {
		struct pstate s;

		pstate(h, k, t, &s);
		if (h->pl[k].hire)
			continue;
		active |= s.active;
		if (s.start < first)
			first = s.start;
	}
	if (!active)
		return 0;
	if ((ns = spans(h, -1, t)) < 0)
		return -1;
	for (int p = 0; wf_parties[p]; p++) {
		int l = last[p];
		wf_day anchor;

		if (p == WF_DUE_TUTOR || !(h->rules->with & 1u << p) ||
		    (l >= 0 && h->ct[l].next != WF_DUE_NEVER))
			continue;
		anchor = l >= 0 && h->ct[l].date > first ? h->ct[l].date : first;
		if (push(out, (struct due_item){
			.party = p, .placement = -1, .every = every,
			.due = nth_active_day(h->spans, ns, anchor, every), .last = l }))
			return -1;
	}
	return 0;
}

/* The follow-ups of hire k with party p as of t. */
static int follow_ups(struct due_history *h, int k, int p, wf_day t, int nct,
                      const int *last, struct due_items *out)
{
	const struct due_rules *r = h->rules;
	struct pstate s;
	int met = 0, fallen = 0, i;

	pstate(h, k, t, &s);
	if (s.start == WF_DUE_NEVER)
		return 0;
	for (i = 0; i < nct; i++) {
		const struct due_contact *c = &h->ct[i];
		int f = 0;

		if (c->party != p || c->date < s.start)
			continue;
		while (f < r->ndays && s.start + r->days[f] <= c->date)
			f++;
		if (f > met)
			met = f;
		else if (met < r->ndays)
			met++;
	}
	while (fallen < r->ndays && s.start + r->days[fallen] <= t)
		fallen++;
	if (fallen > met)
		i = fallen - 1;
	else if (met < r->ndays)
		i = met;
	else
		return 0;
	return push(out, (struct due_item){ .party = p, .placement = k,
	                                    .days = r->days[i],
	                                    .due = s.start + r->days[i],
	                                    .last = last[p] });
}

int wf_due_case_open(const struct due_history *h, wf_day t)
{
	int open = 0;

	for (int i = 0; i < h->nst && h->st[i].date <= t; i++)
		open = h->st[i].open;
	return open;
}

int wf_due_eval(struct due_history *h, wf_day t, struct due_items *out)
{
	int last[WF_DUE_PARTIES], nct;

	out->n = 0;
	if (!wf_due_case_open(h, t))
		return 0;
	last_contacts(h, t, last, WF_DUE_PARTIES, &nct);
	for (int p = 0; wf_parties[p]; p++) {
		int l = last[p];

		if (l >= 0 && h->ct[l].next != WF_DUE_NEVER &&
		    push(out, (struct due_item){ .party = p, .placement = -1,
		                                 .agreed = 1, .due = h->ct[l].next,
		                                 .last = l }))
			return -1;
	}
	if (h->rules->every > 0 &&
	    ((h->rules->with & 1u << WF_DUE_TUTOR &&
	      tutor_cadence(h, t, nct, last, out)) ||
	     cadence(h, t, last, out)))
		return -1;
	for (int k = 0; k < h->npl && h->rules->ndays; k++) {
		if (!h->pl[k].hire)
			continue;
		for (int p = 0; wf_parties[p]; p++)
			if (h->rules->hire_with & 1u << p &&
			    follow_ups(h, k, p, t, nct, last, out))
				return -1;
	}
	for (int i = 0; i < out->n; i++)
		out->v[i].seen = nct;
	return 0;
}

int wf_due_same(const struct due_item *a, const struct due_item *b)
{
	return a->party == b->party && a->placement == b->placement &&
	       a->days == b->days;
}

const char *wf_due_operator(const struct due_history *h,
                            const struct due_item *i)
{
	if (h->manager[0])
		return h->manager;
	if (i->last >= 0)
		return h->ct[i->last].operator_;
	return i->seen > 0 ? h->ct[i->seen - 1].operator_ : h->opener;
}

void wf_due_id(const struct due_history *h, const struct due_item *i,
               char *buf, size_t len)
{
	char days[16] = "";

	if (i->days)
		snprintf(days, sizeof days, "/%dd", i->days);
	snprintf(buf, len, "%s/%s%s%s%s", h->id, wf_parties[i->party],
	         i->placement >= 0 ? "/" : "",
	         i->placement >= 0 ? h->pl[i->placement].id : "", days);
}

int wf_due_horizon(const struct due_rules *r)
{
	int n = r->every;

	for (int i = 0; i < r->ndays; i++)
		if (r->days[i] > n)
			n = r->days[i];
	return n;
}

void wf_due_items_free(struct due_items *l)
{
	free(l->v);
	*l = (struct due_items){ 0 };
}
