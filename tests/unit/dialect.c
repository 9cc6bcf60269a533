/* dialect.c - the library's SQL said as PostgreSQL reads it: NULLs
 * sorted where SQLite sorts them, in ORDER BY and in the indexes that
 * serve it, the parameters numbered, and a CROSS JOIN's loop kept. */
#include <stdlib.h>

#include "pg.h"
#include "tests.h"

void check_dialect(void)
{
	static const struct { const char *sqlite, *pg; } cases[] = {
		/* NULLs first going up, last going down; an id is never NULL
		 * and keeps its primary key's order */
		{ "SELECT a FROM t ORDER BY a, b DESC, t.id",
		  "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST, t.id" },
		{ "SELECT a FROM t WHERE x = ? ORDER BY a DESC LIMIT 1",
		  "SELECT a FROM t WHERE x = $1 ORDER BY a DESC NULLS LAST LIMIT 1" },
		/* an index's columns as the same terms: read forwards for the
		 * first, backwards for the second */
		{ "CREATE INDEX s_case ON s(case_id, effective_date, id, status)",
		  "CREATE INDEX s_case ON s(case_id NULLS FIRST, effective_date"
		  " NULLS FIRST, id, status NULLS FIRST)" },
		{ "CREATE UNIQUE INDEX IF NOT EXISTS k ON t (lower(a, b), c)"
		  " WHERE c IS NOT NULL",
		  "CREATE UNIQUE INDEX IF NOT EXISTS k ON t (lower(a, b) NULLS"
		  " FIRST, c NULLS FIRST) WHERE c IS NOT NULL" },
		{ "SELECT ?2, ?1 FROM t", "SELECT $2, $1 FROM t" },
		{ "SELECT 1 FROM t WHERE a IS ?", "SELECT 1 FROM t WHERE a IS NOT"
		  " DISTINCT FROM $1" },
	};

	struct wf_pg_params pp;
	char *got;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = wf_pg_translate(cases[i].sqlite, &pp);
		CHECK_STR(got, cases[i].pg, cases[i].sqlite);
		CHECK_LONG(pp.loop, 0, cases[i].sqlite);
		free(got);
	}
	/* SQLite's CROSS JOIN, the order of the loop: a join, planned so */
	got = wf_pg_translate("SELECT 1 FROM t CROSS JOIN s ON s.t = t.id", &pp);
	CHECK_STR(got, "SELECT 1 FROM t JOIN s ON s.t = t.id", "CROSS JOIN");
	CHECK_LONG(pp.loop, 1, "CROSS JOIN is a loop");
	free(got);
}
