/*
 * path.c - the whole path of N cases for 'make bench-store', so that the
 * store is built through the commands themselves:
 *
 *   path N referrals          N referrals as JSON Lines, dated from 2022
 *                             to today (2026-11-22), one tax code each
 *   path N steps MAP DIR      the rest of each path, for the case ids MAP
 *                             gives (lines "TAX_CODE<TAB>CASE"): records
 *                             in DIR (sessions, plans, placements,
 *                             contacts, follow-ups) and DIR/run.sh, which
 *                             feeds them and runs the dated commands (a
 *                             screening, a decision, a start...) one
 *                             invocation per step and day, in order.
 *
 * Each case takes its own course, drawn from its number: withdrawn,
 * found ineligible, left planned, or placed (a work grant, a lab or an
 * internship; a few cancelled, suspended, interrupted, or followed by a
 * hire), with contacts all along, closed with its situation on leaving
 * and sometimes six months on; what would come after today is not done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "wf.h"

#define HOSTS 400

static wf_day today, first_day;

static unsigned long rnd(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

/* ---- referrals, one tax code each ---------------------------------------- */

static char (*seen)[17];
static size_t nseen;

static unsigned long hash(const char *k)
{
	unsigned long h = 5381;

	while (*k)
		h = h * 33 + (unsigned char)*k++;
	return h;
}

/* Whether code was met before; remembers it. */
static int met_before(const char *code)
{
	size_t i = hash(code) % nseen;

	for (; seen[i][0]; i = (i + 1) % nseen)
		if (!strcmp(seen[i], code))
			return 1;
	memcpy(seen[i], code, 17);
	return 0;
}

/* Referral i, dated in order across the span, born a day earlier until
 * its tax code is its own. */
static void referral(long i, long n, struct gen_ref *r)
{
	unsigned long s = (unsigned long)i * 40503UL + 7;
	wf_day span = today - 7 - first_day;
	wf_day ref = first_day + (wf_day)((double)span * (double)i / (double)n) +
	             (wf_day)(rnd(&s) % 3);
	int older = 0;

	do
		gen_referral_at(i, ref, older++, r);
	while (met_before(r->tax));
}

static void print_referral(const struct gen_ref *r)
{
	printf("{\"kind\":\"referral\",\"date\":\"%s\",\"programme\":\"%s\","
	       "\"referrer\":\"%s\",\"person\":{\"first_name\":\"%s\","
	       "\"last_name\":\"%s\",\"tax_code\":\"%s\",\"birth_date\":\"%s\","
	       "\"sex\":\"%s\",\"municipality\":\"%s\",\"phone\":\"%s\","
	       "\"employment_status\":\"%s\",\"employment_since\":\"%s\","
	       "\"gender\":\"%s\",\"education\":\"%s\",\"disability\":\"%s\","
	       "\"certifications\":[{\"kind\":\"%s\",\"since\":\"%s\"}]},"
	       "\"needs\":[\"%s\"],\"notes\":\"%s\"}\n",
	       r->date, r->programme, r->referrer, r->first, r->last, r->tax,
	       r->birth, r->sex, r->municipality, r->phone, r->employment,
	       r->since, r->sex[0] == 'F' ? "female" : "male",
	       r->invalidity % 3 == 0 ? "isced_0_2" : r->invalidity % 3 == 1
	       ? "isced_3_4" : "isced_5_8",
	       !strcmp(r->cert, "law_68_1999") ? "yes" : "no", r->cert, r->since,
	       r->need1, r->notes);
}

/* ---- the steps ------------------------------------------------------------ */

/* A command run on a day for some cases: sorted, then one invocation
 * for each run of the same phase, day, command and flags. */
struct op {
	int phase;
	wf_day date;
	const char *cmd, *flags;
	char id[24];
};

static struct op *ops;
static size_t nops, capops;
static FILE *sessions, *plans, *placements, *contacts, *follow_ups;

static void op(int phase, wf_day date, const char *cmd, const char *flags,
               const char *id)
{
	if (nops == capops) {
		capops = capops ? capops * 2 : 65536;
		if (!(ops = realloc(ops, capops * sizeof *ops))) {
			perror("path");
			exit(71);
		}
	}
	ops[nops] = (struct op){ phase, date, cmd, flags, "" };
	snprintf(ops[nops++].id, sizeof ops->id, "%s", id);
}

static const char *day(wf_day d)
{
	static char buf[8][11];
	static int k;

	k = (k + 1) % 8;
	wf_date_format(d, buf[k]);
	return buf[k];
}

static void contact(const char *id, wf_day d, const char *with,
                    unsigned long *s)
{
	unsigned long u = rnd(s) % 100;

	if (d > today)
		return;
	fprintf(contacts, "{\"case\":\"%s\",\"date\":\"%s\",\"with\":\"%s\","
	        "\"how\":\"%s\"", id, day(d), with, u % 3 ? "in_person" : "phone");
	if (u < 25)
		fprintf(contacts, ",\"risk\":\"%s\"",
		        u < 5 ? "high" : u < 12 ? "medium" : "low");
	if (u >= 90 && d + 14 <= today)
		fprintf(contacts, ",\"next\":\"%s\"", day(d + 14));
	fprintf(contacts, "}\n");
}

/* Contacts from a to b, each 8 to 26 days after the last, with the
 * person and the tutor in turn, and now and then the family. */
static void contacts_between(const char *id, wf_day a, wf_day b,
                             unsigned long *s)
{
	int k = 0;

	for (wf_day d = a + 8 + (wf_day)(rnd(s) % 19); d <= b && d <= today;
	     d += 8 + (wf_day)(rnd(s) % 19))
		contact(id, d, rnd(s) % 12 == 0 ? "family"
		               : k++ % 2 ? "tutor" : "person", s);
}

/* Close on d, unless it is after today; then, for some, the situation
 * six months on. */
static void close_case(const char *id, wf_day d, const char *flags,
                       unsigned long *s)
{
	wf_day six = wf_date_add_months(d, 6) + (wf_day)(rnd(s) % 40);

	if (d > today)
		return;
	op(130, d, "wf case close", flags, id);
	if (rnd(s) % 10 < 4 && six <= today)
		fprintf(follow_ups, "{\"case\":\"%s\",\"at\":\"six_months\","
		        "\"date\":\"%s\",\"situation\":[\"%s\"]}\n", id, day(six),
		        rnd(s) % 2 ? "employed" : "job_searching");
}

/* A hire after the internship of a SIL case, with its follow-ups. */
static void hire(const char *id, int n, const char *host, wf_day d,
                 unsigned long *s)
{
	char pl[32];

	snprintf(pl, sizeof pl, "%s.%d", id, n);
	fprintf(placements, "{\"case\":\"%s\",\"type\":\"hire\",\"host\":\"%s\","
	        "\"start\":\"%s\",\"end\":\"%s\",\"hours_week\":30,"
	        "\"contract\":{\"type\":\"fixed_term\"}}\n", id, host, day(d),
	        day(wf_date_add_months(d, 12) - 1));
	if (d > today)
		return;
	op(120, d, "wf-place start", "", pl);
	for (int k = 0; k < 3; k++) {
		static const int after[] = { 25, 85, 170 };

		if (rnd(s) % 5)
			contact(id, d + after[k] + (wf_day)(rnd(s) % 12),
			        k % 2 ? "employer" : "person", s);
	}
	close_case(id, d + 190 + (wf_day)(rnd(s) % 30),
	           "--outcome hired --situation employed --end-placements", s);
}

/* The placement of a planned case, from its start to its closing. */
static void placed(const char *id, int sil, wf_day plan, unsigned long *s)
{
	static char host[16];
	int lab = !sil && rnd(s) % 4 == 0, grant = sil && rnd(s) % 3 == 0;
	int months = 4 + (int)(rnd(s) % 3), u = (int)(rnd(s) % 100);
	wf_day start = plan + 7 + (wf_day)(rnd(s) % 30), end, stop, back = 0;
	char pl[32];

	snprintf(host, sizeof host, "host-%03lu", 1 + rnd(s) % HOSTS);
	snprintf(pl, sizeof pl, "%s.1", id);
	end = wf_date_add_months(start, months) - 1;
	fprintf(placements, "{\"case\":\"%s\",\"type\":\"%s\",\"host\":\"%s\","
	        "\"host_tutor\":{\"name\":\"Tutor %s\"},\"start\":\"%s\","
	        "\"end\":\"%s\",\"hours_week\":20%s}\n", id,
	        lab ? "occupational_lab" : sil && !grant ? "internship"
	        : "work_grant", host, host, day(start), day(end),
	        lab ? "" : sil && !grant ? ",\"stipend\":350" : ",\"stipend\":400");
	if (start > today)
		return;
	if (u < 5) {
		op(70, start - 2, "wf-place cancel", "--reason host-closed", pl);
		close_case(id, start + (wf_day)(rnd(s) % 20), "--outcome withdrawn", s);
		return;
	}
	op(70, start, "wf-place start", "", pl);
	if (u >= 5 && u < 15) {
		wf_day a = start + 20 + (wf_day)(rnd(s) % 40);

		if (a > today || a >= end)
			goto run;
		op(80, a, "wf-place suspend", "--reason illness", pl);
		if (a + 20 > today) {
			contacts_between(id, start, a, s);
			return;
		}
		op(90, a + 20, "wf-place resume", "", pl);
		back = a + 20;
	}
run:
	stop = u < 35 ? start + 15 + (wf_day)(rnd(s) % (wf_day)(end - start - 30))
	              : end;
	if (stop <= back)
		stop = back + 1 + (wf_day)(rnd(s) % 10);
	contacts_between(id, start, stop, s);
	if (stop > today)
		return;
	if (u < 35) {
		op(110, stop, "wf-place end", "--outcome interrupted --reason "
		   "dropped-out", pl);
		close_case(id, stop + (wf_day)(rnd(s) % 10),
		           "--outcome dropped_out --situation none", s);
	} else if (u < 50) {
		op(110, stop, "wf-place end", "--outcome hired", pl);
		if (sil)
			hire(id, 2, host, stop + 1 + (wf_day)(rnd(s) % 14), s);
		else
			close_case(id, stop + (wf_day)(rnd(s) % 10),
			           "--outcome hired --situation employed", s);
	} else {
		op(110, stop, "wf-place end", "--outcome completed", pl);
		close_case(id, stop + (wf_day)(rnd(s) % 20), u % 2
		           ? "--outcome completed --situation job_searching"
		           : "--outcome completed", s);
	}
}

/* The path of case id after its referral on ref. */
static void path(const char *id, int sil, wf_day ref, long i)
{
	unsigned long s = (unsigned long)i * 2246822519UL + 3266489917UL;
	int u = (int)(rnd(&s) % 100);
	wf_day screen = ref + 1 + (wf_day)(rnd(&s) % 10);
	wf_day session = screen + 2 + (wf_day)(rnd(&s) % 14);
	wf_day decide = session + 1 + (wf_day)(rnd(&s) % 10);
	wf_day plan = decide + 1 + (wf_day)(rnd(&s) % 10);

	if (u < 4) {
		if (ref + 3 <= today)
			op(10, ref + 3, "wf-refer withdraw", "--reason moved", id);
		return;
	}
	if (screen > today)
		return;
	op(20, screen, "wf-refer screen", "", id);
	if (session > today)
		return;
	fprintf(sessions, "{\"case\":\"%s\",\"date\":\"%s\",\"type\":\"interview\","
	        "\"assessor\":\"%s\",\"skills\":[{\"name\":\"punctuality\","
	        "\"type\":\"soft\",\"level\":\"intermediate\"}]}\n", id,
	        day(session), sil ? "mestieri-lombardia" : "csf-vigevano");
	if (decide > today)
		return;
	if (u < 14) {
		op(40, decide, "wf-assess decide", "--ineligible --reason not-ready",
		   id);
		return;
	}
	op(40, decide, "wf-assess decide", "--eligible", id);
	if (plan > today)
		return;
	fprintf(plans, "{\"case\":\"%s\",\"agreed_on\":\"%s\",\"goals\":[{\"id\":"
	        "\"g1\",\"description\":\"work\",\"outcome\":\"a job\","
	        "\"target_date\":\"%s\"}],\"actions\":[{\"kind\":\"%s\","
	        "\"provider\":\"mestieri-lombardia\",\"start\":\"%s\",\"end\":\"%s\","
	        "\"goal\":\"g1\"}]}\n", id, day(plan), day(plan + 365),
	        sil ? "internship" : "work_grant", day(plan + 7), day(plan + 200));
	if (u < 24) {
		if (u < 19)
			close_case(id, plan + 60 + (wf_day)(rnd(&s) % 140),
			           "--outcome other", &s);
		return;
	}
	placed(id, sil, plan, &s);
}

static int by_op(const void *a, const void *b)
{
	const struct op *x = a, *y = b;
	int c;

	if (x->phase != y->phase)
		return x->phase - y->phase;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->cmd, y->cmd)) || (c = strcmp(x->flags, y->flags)))
		return c;
	return strcmp(x->id, y->id);
}

/* The script: the records and one invocation per run of equal ops, in
 * the order of their phases; --keep-going, so that a refusal is
 * reported and the rest done. */
static void script(const char *dir)
{
	static const char *const files[][3] = {
		{ "30", "sessions.jsonl", "wf-assess add" },
		{ "50", "plans.jsonl", "wf-assess plan" },
		{ "60", "placements.jsonl", "wf-place add" },
		{ "100", "contacts.jsonl", "wf-monitor log" },
		{ "140", "follow_ups.jsonl", "wf-monitor follow-up" },
	};
	/* Refusals (exit 65) are reported and counted; anything else stops
	 * the build. */
	static const char ok[] = " || [ $? = 65 ] || exit 1";
	size_t f = 0;

	qsort(ops, nops, sizeof *ops, by_op);
	printf("#!/bin/sh\n# Made by path.c: the steps of each path, in order.\n"
	       "cd '%s' || exit 1\n", dir);
	for (size_t i = 0; i <= nops; i++) {
		const struct op *o = i < nops ? &ops[i] : NULL, *p = i ? &ops[i - 1]
		                                                     : NULL;
		int same = o && p && p->phase == o->phase && p->date == o->date &&
		           !strcmp(p->cmd, o->cmd) && !strcmp(p->flags, o->flags);

		if (p && !same)
			printf("EOF\n");
		while (f < sizeof files / sizeof files[0] &&
		       (!o || atoi(files[f][0]) < o->phase)) {
			printf("%s --keep-going -q %s%s\n", files[f][2], files[f][1],
			       ok);
			f++;
		}
		if (!o)
			break;
		if (!same)
			printf("%s %s --date %s --keep-going -q - <<EOF%s\n", o->cmd,
			       o->flags, day(o->date), ok);
		printf("%s\n", o->id);
	}
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w"))) {
		perror(path);
		exit(73);
	}
	return f;
}

/* The case of each tax code, from MAP. */
struct entry {
	char tax[17], id[24];
};

static int by_tax(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->tax,
	              ((const struct entry *)b)->tax);
}

static struct entry *read_map(const char *file, size_t *n)
{
	FILE *f = fopen(file, "r");
	struct entry *m = NULL, e;
	size_t cap = 0;
	char line[128];

	*n = 0;
	if (!f) {
		perror(file);
		exit(66);
	}
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%16s %23s", e.tax, e.id) == 2) {
			if (*n == cap && !(m = realloc(m, (cap = cap ? cap * 2 : 4096) *
			                                   sizeof *m)))
				exit(71);
			m[(*n)++] = e;
		}
	fclose(f);
	qsort(m, *n, sizeof *m, by_tax);
	return m;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[1]) : 0;
	struct gen_ref r;

	if (n <= 0 || (strcmp(argv[2], "referrals") && argc < 5)) {
		fprintf(stderr, "usage: path N referrals | path N steps MAP DIR\n");
		return 64;
	}
	today = wf_date_from_ymd(2026, 11, 22);
	first_day = wf_date_from_ymd(2022, 1, 3);
	nseen = (size_t)n * 2 + 1;
	if (!(seen = calloc(nseen, sizeof *seen)))
		return 71;
	if (!strcmp(argv[2], "referrals")) {
		for (long i = 0; i < n; i++) {
			referral(i, n, &r);
			print_referral(&r);
		}
		return fflush(stdout) ? 74 : 0;
	}
	{
		size_t nmap;
		struct entry *map = read_map(argv[3], &nmap), key, *hit;
		wf_day ref;

		sessions = open_in(argv[4], "sessions.jsonl");
		plans = open_in(argv[4], "plans.jsonl");
		placements = open_in(argv[4], "placements.jsonl");
		contacts = open_in(argv[4], "contacts.jsonl");
		follow_ups = open_in(argv[4], "follow_ups.jsonl");
		for (long i = 0; i < n; i++) {
			referral(i, n, &r);
			memcpy(key.tax, r.tax, sizeof key.tax);
			if (!(hit = bsearch(&key, map, nmap, sizeof *map, by_tax)) ||
			    wf_date_parse(r.date, &ref))
				continue;
			path(hit->id, !strcmp(r.programme, "sil-bergamo"), ref, i);
		}
		script(argv[4]);
		free(map);
		if (fclose(sessions) || fclose(plans) || fclose(placements) ||
		    fclose(contacts) || fclose(follow_ups))
			return 74;
	}
	return fflush(stdout) ? 74 : 0;
}
