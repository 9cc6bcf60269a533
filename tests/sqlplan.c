/*
 * sqlplan.c - a test tool: do the statements of the reports and the
 * working lists read by index where a day or a period bounds the
 * question? 'sqlplan STORE' creates a store at STORE (the schema of this
 * build), compiles each statement below and prints, for each, every
 * table of contacts, statuses or placements it reads whole (a loop that
 * starts from the first row of the table or of one of its indexes), as
 * "NAME: reads TABLE whole (INDEX)". Exits 1 when it printed any, 0 when
 * none does. With -v it prints each statement's query plan too.
 *
 * It reads the program SQLite compiles (EXPLAIN), not the query plan's
 * words, so that an alias cannot hide which table a loop goes over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sql.h"
#include "wf.h"

static const struct {
	const char *name, *sql;
} statements[] = {
#define S(x) { #x, WF_SQL_##x }
	S(PERIOD_REFERRERS), S(PERIOD_EMPLOYMENT), S(PERIOD_GROUPS),
	S(PERIOD_SCREENING), S(PERIOD_SESSIONS), S(PERIOD_DECISIONS),
	S(PERIOD_PLANS), S(PERIOD_STARTED), S(PERIOD_ENDED),
	S(PERIOD_CANCELLED), S(PERIOD_ACTIVE), S(PERIOD_CONTACTS),
	S(PERIOD_HIGH_RISK), S(PERIOD_CLOSURES), S(PERIOD_STEPS),
	S(ESF_CASES), S(VIEW_CASELOAD), S(VIEW_STATUSES),
	S(VIEW_STEPS), S(MON_RISKS), S(DUE_CHOOSE), S(DUE_CASES),
	S(DUE_STATUSES),
	S(DUE_PLACEMENTS), S(DUE_CONTACTS),
#undef S
};

/* The tables whose whole reading grows with the store's history. */
static const char *const watched[] = { "contact", "case_status",
                                       "placement_status", "placement",
                                       NULL };

struct root {
	int page;
	char table[64], name[64];
};

static struct root roots[256];
static int nroots;

static const struct root *root_of(int page)
{
	for (int i = 0; i < nroots; i++)
		if (roots[i].page == page)
			return &roots[i];
	return NULL;
}

static int is_watched(const char *table)
{
	for (int i = 0; watched[i]; i++)
		if (!strcmp(watched[i], table))
			return 1;
	return 0;
}

static void print_plan(sqlite3 *db, const char *name, const char *sql)
{
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK) {
		printf("%s:\n", name);
		while (sqlite3_step(s) == SQLITE_ROW)
			printf("  %s\n", (const char *)sqlite3_column_text(s, 3));
		sqlite3_finalize(s);
	}
	sqlite3_free(q);
}

/* Print each watched table a statement loops over from its first row.
 * Returns how many, or -1 when it does not compile. */
static int whole_reads(sqlite3 *db, const char *name, const char *sql)
{
	const struct root *cursor[256] = { 0 };
	char *q = sqlite3_mprintf("EXPLAIN %s", sql);
	sqlite3_stmt *s;
	int n = 0;

	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlplan: %s: %s\n", name, sqlite3_errmsg(db));
		sqlite3_free(q);
		return -1;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *op = (const char *)sqlite3_column_text(s, 1);
		int p1 = sqlite3_column_int(s, 2), p2 = sqlite3_column_int(s, 3);

		if (p1 < 0 || p1 >= 256)
			continue;
		if (!strcmp(op, "OpenRead"))
			cursor[p1] = root_of(p2);
		else if (!strncmp(op, "Open", 4) || !strcmp(op, "SorterOpen"))
			cursor[p1] = NULL;
		else if ((!strcmp(op, "Rewind") || !strcmp(op, "Last")) &&
		         cursor[p1] && is_watched(cursor[p1]->table)) {
			printf("%s: reads %s whole (%s)\n", name, cursor[p1]->table,
			       cursor[p1]->name);
			n++;
		}
	}
	sqlite3_finalize(s);
	sqlite3_free(q);
	return n;
}

int main(int argc, char **argv)
{
	int verbose = argc > 1 && !strcmp(argv[1], "-v"), bad = 0;
	const char *path = argv[1 + verbose];
	struct wf_store *st;
	struct wf_err e;
	sqlite3_stmt *s;
	sqlite3 *db;

	if (argc != 2 + verbose) {
		fprintf(stderr, "usage: sqlplan [-v] STORE\n");
		return 64;
	}
	wf_err_clear(&e);
	if (wf_schema_open(&st, path, WF_OPEN_CREATE, &e)) {
		fprintf(stderr, "sqlplan: %s\n", e.msg);
		return 69;
	}
	wf_store_close(st);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rootpage, tbl_name, name FROM"
	                       " sqlite_schema WHERE rootpage > 0", -1, &s,
	                       NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlplan: %s\n", sqlite3_errmsg(db));
		return 69;
	}
	while (sqlite3_step(s) == SQLITE_ROW && nroots < 256) {
		roots[nroots].page = sqlite3_column_int(s, 0);
		snprintf(roots[nroots].table, sizeof roots[0].table, "%s",
		         (const char *)sqlite3_column_text(s, 1));
		snprintf(roots[nroots].name, sizeof roots[0].name, "%s",
		         (const char *)sqlite3_column_text(s, 2));
		nroots++;
	}
	sqlite3_finalize(s);
	/* The temporary table the due statements read. */
	if (sqlite3_exec(db, WF_SQL_DUE_KEEP, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlplan: %s\n", sqlite3_errmsg(db));
		return 69;
	}
	for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
		int n = whole_reads(db, statements[i].name, statements[i].sql);

		if (verbose)
			print_plan(db, statements[i].name, statements[i].sql);
		bad |= n != 0;
	}
	sqlite3_close(db);
	return bad;
}
