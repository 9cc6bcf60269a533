/*
 * duecase.h - what monitoring is due, for the modules behind it: one
 * case's history as the due rule reads it (loaded by duestore.c), the
 * rule itself (duerule.c) and the items it finds. due.c lists the items
 * (wf-monitor due) and tallies them for the period reports. Not part of
 * the public interface.
 */
#ifndef WF_DUECASE_H
#define WF_DUECASE_H

#include "casefile.h"

#define WF_DUE_NEVER 0x7fffffffL

/* The index of the tutor in wf_parties: the one party whose clock is
 * kept for each placement. */
#define WF_DUE_TUTOR 1
/* Room for one value for each party (wf_parties is shorter). */
#define WF_DUE_PARTIES 8

/* A programme's monitoring rules (its "monitoring" mapping). */
struct due_rules {
	char programme[128];
	int every;                   /* cadence in active days; 0: none */
	unsigned with;               /* parties of the cadence: bit per
	                                wf_parties index */
	int days[16], ndays;         /* follow-ups after a hire, ascending */
	unsigned hire_with;          /* parties of the follow-ups */
};

/* A change of a placement's status, in the order recorded. */
struct due_event {
	wf_day date;
	char status;                 /* 'p'lanned, 'a'ctive, 's'uspended,
	                                'e'nded, 'c'ancelled */
};

struct due_placement {
	char id[48];
	int hire;                    /* a hire: follow-ups, not the cadence */
	int first, n;                /* its events: ev[first .. first + n) */
};

struct due_contact {
	wf_day date, next;           /* next: WF_DUE_NEVER when none agreed */
	int party;                   /* index in wf_parties */
	int placement;               /* index in pl, -1 when none named */
	char operator_[64];
};

struct due_status {
	wf_day date;
	int open;
};

/* One case as of the last day it was read to. Arrays grow as needed and
 * are reused from case to case. */
struct due_history {
	char id[32], opener[64];
	char manager[64];             /* assigned on the day, or "" */
	long long person;        /* the person's row */
	char name[160];          /* the person's names, "First Last" */
	const struct due_rules *rules;
	struct due_status *st;       /* by effective date, then recorded */
	int nst, capst;
	struct due_placement *pl;    /* in the order they were added */
	int npl, cappl;
	struct due_event *ev;
	int nev, capev;
	struct due_contact *ct;      /* by date, then recorded */
	int nct, capct;
	struct due_span *spans;      /* scratch for the rule */
	int capspans;
};

/* One thing due. Its identity is (party, placement, days): the id that
 * wf-monitor due prints is CASE/PARTY[/PLACEMENT][/Nd]. */
struct due_item {
	int party;                   /* index in wf_parties */
	int placement;               /* the tutor's placement or the hire;
	                                -1 for none */
	int days;                    /* a follow-up N days after a hire; 0 */
	int agreed;                  /* the next contact agreed */
	int every;                   /* the cadence, for the reason */
	wf_day due;
	int last;                    /* the last contact counted (index in
	                                ct), -1 when none */
	int seen;                    /* the contacts up to the day: ct[0 ..
	                                seen) */
};

struct due_items {
	struct due_item *v;
	int n, cap;
};

/* Whether the case of h is open on day t (its status then). */
int wf_due_case_open(const struct due_history *h, wf_day t);
/* The items of h due as of day t, by the rule of wf-monitor(1), into
 * out (emptied first). Returns 0, or -1 when out of memory. */
int wf_due_eval(struct due_history *h, wf_day t, struct due_items *out);
/* Whether two items are the same thing due (the same id), whatever the
 * date. */
int wf_due_same(const struct due_item *a, const struct due_item *b);
/* The operator in charge of item i of h: who met that party last, else
 * whoever met the person's case last, else who recorded the referral. */
const char *wf_due_operator(const struct due_history *h,
                            const struct due_item *i);
/* The id of item i of h: CASE/PARTY[/PLACEMENT][/Nd]. */
void wf_due_id(const struct due_history *h, const struct due_item *i,
               char *buf, size_t len);
/* How many days ahead of a day an item of rules r may fall due at most,
 * but for a next contact agreed. */
int wf_due_horizon(const struct due_rules *r);
void wf_due_items_free(struct due_items *l);

/* Contacts due from 'from' to 'to' (of one programme, unless NULL), and
 * of them those held on time (wf-report(1), monitoring). */
int wf_due_tally(struct wf_store *st, wf_day from, wf_day to,
                 const char *programme, double *due, double *on_time,
                 struct wf_err *e);

/* The histories of the cases open on some day from 'from' to 'to' (of
 * one programme, unless NULL), each read as of 'to', one at a time. */
struct due_cursor;
int wf_due_open(struct wf_store *st, wf_day from, wf_day to,
                const char *programme, struct due_cursor **c,
                struct wf_err *e);
/* The next history: 1 with *h set (valid until the next call), 0 at the
 * end, or a code with e set. */
int wf_due_next(struct due_cursor *c, struct due_history **h,
                struct wf_err *e);
void wf_due_close(struct due_cursor *c);

#endif
