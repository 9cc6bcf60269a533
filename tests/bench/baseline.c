/*
 * baseline.c - the limit of the store: the same referrals inserted as flat
 * rows with one prepared statement in one transaction, on a store opened
 * as wf opens it (WAL, synchronous NORMAL). 'baseline N DB' prints the
 * rows per second.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "gen.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	const char *path = argc > 2 ? argv[2] : "baseline.db";
	sqlite3 *db;
	sqlite3_stmt *s;
	struct gen_ref r;
	double t0;

	remove(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return 69;
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	             "CREATE TABLE referral (id INTEGER PRIMARY KEY, date TEXT,"
	             " programme TEXT, referrer TEXT, contact TEXT, first TEXT,"
	             " last TEXT, tax TEXT, birth TEXT, sex TEXT, birth_place TEXT,"
	             " municipality TEXT, address TEXT, phone TEXT, email TEXT,"
	             " employment TEXT, since TEXT, cert TEXT, invalidity INTEGER,"
	             " needs TEXT, notes TEXT)", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, "INSERT INTO referral VALUES (NULL, ?, ?, ?,"
	                       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                       -1, &s, NULL) != SQLITE_OK)
		return 70;
	t0 = now();
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	for (long i = 0; i < n; i++) {
		const char *v[] = { r.date, r.programme, r.referrer, r.contact,
		                    r.first, r.last, r.tax, r.birth, r.sex,
		                    r.birth_place, r.municipality, r.address, r.phone,
		                    r.email, r.employment, r.since, r.cert };
		char needs[80];

		gen_referral(i, &r);
		v[1] = r.programme, v[2] = r.referrer, v[3] = r.contact,
		v[16] = r.cert;
		for (int k = 0; k < 17; k++)
			sqlite3_bind_text(s, k + 1, v[k], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 18, r.invalidity);
		snprintf(needs, sizeof needs, "[\"%s\",\"%s\"]", r.need1, r.need2);
		sqlite3_bind_text(s, 19, needs, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 20, r.notes, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			return 70;
		sqlite3_reset(s);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	printf("%.0f\n", (double)n / (now() - t0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return 0;
}
