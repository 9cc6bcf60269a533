/* due.c - the due-date rule of wf-monitor(1) on histories made by hand:
 * the cadence counted in active days of a placement, a contact
 * restarting one party's clock, a suspension stopping it, a next contact
 * agreed, the follow-ups after a hire. The same cases as
 * tests/85-monitor.bats, without a store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duecase.h"
#include "tests.h"

enum { PERSON, TUTOR, FAMILY, REFERRER, EMPLOYER };

/* A case open from 2026-09-01 with one placement whose events are given
 * as "p:2026-09-05 a:2026-10-01 ...", and contacts as "PARTY:DATE[>NEXT]"
 * (party by its index). */
struct made {
	struct due_history h;
	struct due_status st[1];
	struct due_placement pl[1];
	struct due_event ev[8];
	struct due_contact ct[8];
};

static void make(struct made *m, const struct due_rules *r, int hire,
                 const char *events, const char *contacts)
{
	char buf[256], *tok, *save;

	memset(m, 0, sizeof *m);
	snprintf(m->h.id, sizeof m->h.id, "2026-0001");
	snprintf(m->h.opener, sizeof m->h.opener, "anna");
	m->h.rules = r;
	m->st[0] = (struct due_status){ unit_day("2026-09-01"), 1 };
	m->h.st = m->st;
	m->h.nst = m->h.capst = 1;
	snprintf(m->pl[0].id, sizeof m->pl[0].id, "2026-0001.1");
	m->pl[0].hire = hire;
	m->h.pl = m->pl;
	m->h.npl = m->h.cappl = 1;
	snprintf(buf, sizeof buf, "%s", events);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		m->ev[m->h.nev++] = (struct due_event){ unit_day(tok + 2), tok[0] };
	m->pl[0].n = m->h.capev = m->h.nev;
	m->h.ev = m->ev;
	snprintf(buf, sizeof buf, "%s", contacts);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		struct due_contact *c = &m->ct[m->h.nct++];
		char *next = strchr(tok, '>');

		if (next)
			*next++ = '\0';
		c->party = tok[0] - '0';
		c->date = unit_day(tok + 2);
		c->next = next ? unit_day(next) : WF_DUE_NEVER;
		c->placement = -1;
		snprintf(c->operator_, sizeof c->operator_, "anna");
	}
	m->h.capct = m->h.nct;
	m->h.ct = m->ct;
}

/* The items due on day on, as "party:due[:agreed]" joined by spaces, in
 * the order the rule gives them (each placement's tutor first). */
static void due_on(struct made *m, const char *on, char *out, size_t len)
{
	struct due_items items = { 0 };
	size_t n = 0;
	char d[11];

	out[0] = '\0';
	if (wf_due_eval(&m->h, unit_day(on), &items) < 0) {
		snprintf(out, len, "out of memory");
		return;
	}
	for (int i = 0; i < items.n; i++) {
		const struct due_item *it = &items.v[i];

		if (it->due == WF_DUE_NEVER)
			continue;
		wf_date_format(it->due, d);
		n += (size_t)snprintf(out + n, n < len ? len - n : 0, "%s%s:%s%s",
		                      n ? " " : "", wf_parties[it->party], d,
		                      it->agreed ? ":agreed" : "");
	}
	wf_due_items_free(&items);
	free(m->h.spans);
	m->h.spans = NULL;
	m->h.capspans = 0;
}

void check_due(void)
{
	static const struct due_rules cadence = {
		"lombardia-test", 30, 1u << PERSON | 1u << TUTOR, { 0 }, 0, 0
	};
	static const struct due_rules hires = {
		"lombardia-test", 30, 1u << PERSON | 1u << TUTOR, { 30, 90, 180 },
		3, 1u << PERSON | 1u << EMPLOYER
	};
	static const struct {
		const struct due_rules *rules;
		int hire;
		const char *events, *contacts, *on, *want, *what;
	} cases[] = {
		{ &cadence, 0, "p:2026-09-05 a:2026-10-01", "", "2026-11-22",
		  "tutor:2026-10-31 person:2026-10-31",
		  "every 30 days of placement, from its start" },
		{ &cadence, 0, "p:2026-09-05", "", "2026-11-22", "",
		  "nothing before the placement starts" },
		{ &cadence, 0, "p:2026-09-05 a:2026-10-01", "0:2026-11-10",
		  "2026-11-22", "tutor:2026-10-31 person:2026-12-10",
		  "a contact restarts that party's clock" },
		{ &cadence, 0, "p:2026-09-05 a:2026-10-01 s:2026-10-11 a:2026-10-21",
		  "", "2026-11-22", "tutor:2026-11-10 person:2026-11-10",
		  "9 active days before a suspension, 21 after it" },
		{ &cadence, 0, "p:2026-09-05 a:2026-10-01", "1:2026-11-10>2026-11-20",
		  "2026-11-22", "tutor:2026-11-20:agreed person:2026-10-31",
		  "a next contact agreed overrides the cadence" },
		{ &hires, 1, "p:2026-09-01 a:2026-09-07", "0:2026-09-10",
		  "2026-11-22", "person:2026-12-06 employer:2026-10-07",
		  "after a hire, follow-ups at 30, 90, 180 days; no cadence" },
	};
	struct made m;
	char got[256];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		make(&m, cases[i].rules, cases[i].hire, cases[i].events,
		     cases[i].contacts);
		due_on(&m, cases[i].on, got, sizeof got);
		CHECK_STR(got, cases[i].want, cases[i].what);
	}
	make(&m, &cadence, 0, "p:2026-09-05 a:2026-10-01", "");
	CHECK(wf_due_case_open(&m.h, unit_day("2026-09-01")) &&
	      !wf_due_case_open(&m.h, unit_day("2026-08-31")),
	      "open from its first status");
}
