/*
 * duplicate.c - the persons flagged as possible duplicates (same folded
 * names and birth date, no tax code to tell them apart) and the review of
 * each pair. Persons are never merged: each keeps their own records,
 * consents and erasure. A pair found to be one person is linked instead
 * (person.same_as, the lowest id of those found to be one, on each of
 * them), so that the indicators count them once; a pair found to be two
 * is no longer listed.
 *
 * Tables: person_duplicate (both ways round), person.
 */
#include <stdio.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char wf_duplicate_columns[] =
	"person,name,cases,other,other_name,other_cases,decision";

static const char SQL_PAIRS[] =
	"SELECT d.person_id, a.first_name || ' ' || a.last_name, a.birth_date,"
	" d.other_id, b.first_name || ' ' || b.last_name, b.birth_date,"
	" d.decision, d.decided_on, d.note"
	" FROM person_duplicate d JOIN person a ON a.id = d.person_id"
	" JOIN person b ON b.id = d.other_id"
	" WHERE d.person_id < d.other_id AND (?1 OR d.decision IS NULL)"
	" AND (?2 IS NULL OR (d.person_id = ?2 AND d.other_id = ?3))"
	" ORDER BY d.person_id, d.other_id";
enum {
	PAIR_PERSON, PAIR_NAME, PAIR_BIRTH, PAIR_OTHER, PAIR_OTHER_NAME,
	PAIR_OTHER_BIRTH, PAIR_DECISION, PAIR_DECIDED_ON, PAIR_NOTE
};

static const char SQL_CASES[] =
	"SELECT id FROM cases WHERE person_id = ? ORDER BY id";

/* Both rows of a pair, made if the matcher did not flag it. */
static const char SQL_DECIDE[] =
	"INSERT INTO person_duplicate (person_id, other_id, decision,"
	" decided_on, note, recorded_at, operator)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7), (?2, ?1, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT (person_id, other_id) DO UPDATE SET"
	" decision = excluded.decision, decided_on = excluded.decided_on,"
	" note = excluded.note, recorded_at = excluded.recorded_at,"
	" operator = excluded.operator";

/* Every person found to be one with others points at the lowest id of
 * them all (the decisions taken as a graph, both ways round); the others
 * at none. Taken again whole after each decision, since one may undo an
 * earlier one. */
static const char SQL_LINK[] =
	"WITH RECURSIVE edge (a, b) AS (SELECT person_id, other_id"
	"  FROM person_duplicate WHERE decision = 'same'),"
	" reach (start, id) AS (SELECT a, a FROM edge UNION"
	"  SELECT r.start, e.b FROM reach r JOIN edge e ON e.a = r.id)"
	" UPDATE person SET same_as = (SELECT min(r.id) FROM reach r"
	"  WHERE r.start = person.id)"
	" WHERE same_as IS NOT NULL OR id IN (SELECT a FROM edge)";

static void cases_into(struct wf_store *st, cJSON *row, const char *key,
                       long long person, struct wf_err *e)
{
	wf_sql_each(st, SQL_CASES, NULL, person, wf_col_push,
	            cJSON_AddArrayToObject(row, key), e);
}

static cJSON *pair_row(struct wf_store *st, struct wf_stmt *s, struct wf_err *e)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", "possible_duplicate");
	cJSON_AddNumberToObject(r, "person",
	                        (double)wf_col_int64(s, PAIR_PERSON));
	wf_col_add(r, "name", s, PAIR_NAME);
	wf_col_add(r, "birth_date", s, PAIR_BIRTH);
	cases_into(st, r, "cases", wf_col_int64(s, PAIR_PERSON), e);
	cJSON_AddNumberToObject(r, "other",
	                        (double)wf_col_int64(s, PAIR_OTHER));
	wf_col_add(r, "other_name", s, PAIR_OTHER_NAME);
	wf_col_add(r, "other_birth_date", s, PAIR_OTHER_BIRTH);
	cases_into(st, r, "other_cases", wf_col_int64(s, PAIR_OTHER), e);
	if (wf_col_null(s, PAIR_DECISION))
		cJSON_AddNullToObject(r, "decision");
	else
		wf_col_add(r, "decision", s, PAIR_DECISION);
	wf_col_add(r, "decided_on", s, PAIR_DECIDED_ON);
	wf_col_add(r, "note", s, PAIR_NOTE);
	return r;
}

/* The pairs (all, or those not reviewed yet; only a with b when a) emitted. */
static int pairs(struct wf_ctx *ctx, int all, long long only_a,
                 long long only_b, long *n, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PAIRS, e);
	int rc = 0, step;

	if (!s)
		return e->code;
	*n = 0;
	wf_bind_int(s, 1, all);
	if (only_a) {
		wf_bind_int64(s, 2, only_a);
		wf_bind_int64(s, 3, only_b);
	}
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r = pair_row(ctx->st, s, e);

		if (!(rc = e->code))
			rc = wf_emit(ctx, r, e);
		cJSON_Delete(r);
		(*n)++;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	return rc;
}

int wf_person_duplicates(struct wf_ctx *ctx, int all, struct wf_err *e)
{
	long n;
	int rc = pairs(ctx, all, 0, 0, &n, e);

	if (!rc && !n)
		rc = all ? wf_err_set(e, WF_EX_NOMATCH, "no persons flagged as "
		                      "possible duplicates")
		         : wf_err_set(e, WF_EX_NOMATCH, "no possible duplicates "
		                      "left to review");
	return rc;
}

static const char *const review_kinds[] = { "review", NULL };
static const char *const decisions[] = { "same", "different", NULL };
static const struct wf_field review_fields[] = {
	{ "kind", WF_T_ENUM, 0, review_kinds, NULL, 0, 0 },
	{ "person", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "other", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "decision", WF_T_ENUM, WF_F_REQUIRED, decisions, NULL, 0, 0 },
	{ "date", WF_T_DATE, 0, NULL, NULL, 0, 0 },
	{ "note", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema review_schema = { "review", review_fields };

/* The two persons a review names, lower id first. */
static int the_pair(struct wf_ctx *ctx, const struct wf_record *rec,
                    long long *a, long long *b, struct wf_err *e)
{
	const char *pa = wf_json_str(rec->root, "person");
	const char *pb = wf_json_str(rec->root, "other");

	if (!(*a = wf_person_find(ctx->st, pa, e)))
		return wf_record_at(rec, wf_json_path(rec->root, "person"), "person",
		                    e);
	if (!(*b = wf_person_find(ctx->st, pb, e)))
		return wf_record_at(rec, wf_json_path(rec->root, "other"), "other",
		                    e);
	if (*a == *b)
		return wf_record_err(rec, wf_json_path(rec->root, "other"), "other",
		                     e, WF_EX_DATAERR, "'%s' and '%s' are the same "
		                     "person (%lld): a review needs two", pa, pb,
		                     (long long)*a);
	if (*a > *b) {
		long long t = *a;

		*a = *b;
		*b = t;
	}
	return 0;
}

static int decide(struct wf_ctx *ctx, const cJSON *r, long long a,
                  long long b, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_DECIDE, e);
	char now[32], today[11];
	const char *date = wf_json_str(r, "date");

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_date_format(wf_date_today(), today);
	wf_bind_int64(s, 1, a);
	wf_bind_int64(s, 2, b);
	wf_bind_text(s, 3, wf_json_str(r, "decision"));
	wf_bind_text(s, 4, date ? date : today);
	wf_bind_text(s, 5, wf_json_str(r, "note"));
	wf_bind_text(s, 6, now);
	wf_bind_text(s, 7, ctx->operator_);
	return wf_sql_done(ctx->st, s, e);
}

int wf_person_review(struct wf_ctx *ctx, struct wf_record *rec,
                     struct wf_err *e)
{
	long long a = 0, b = 0;
	char id[32];
	cJSON *d;
	long n;
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a review record");
	if ((rc = wf_validate(rec, rec->root, &review_schema, "", e)) ||
	    (rc = the_pair(ctx, rec, &a, &b, e)) ||
	    (rc = decide(ctx, rec->root, a, b, e)) ||
	    (rc = wf_sql_exec(ctx->st, SQL_LINK, e)))
		return rc;
	snprintf(id, sizeof id, "%lld", (long long)a);
	d = cJSON_CreateObject();
	cJSON_AddNumberToObject(d, "other", (double)b);
	cJSON_AddStringToObject(d, "decision", wf_json_str(rec->root, "decision"));
	if (wf_json_str(rec->root, "note"))
		cJSON_AddStringToObject(d, "note", wf_json_str(rec->root, "note"));
	rc = wf_audit_entry(ctx, "review", "person", id, NULL, a, d, e);
	cJSON_Delete(d);
	if (rc || !ctx->out)
		return rc;
	return pairs(ctx, 1, a, b, &n, e);
}
