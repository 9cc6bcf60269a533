/*
 * person.c - the people a case file follows. The same tax code is the same
 * person; without one, a person is matched on folded names and birth date
 * and, when that matches someone, created anew and flagged as a possible
 * duplicate of them: never merged silently.
 *
 * Tables: person, person_duplicate.
 */
#include <string.h>

#include "casefile.h"


/* Identity and contact fields of a person, in record order. */
static const char *const identity[] = { "tax_code", "first_name", "last_name",
                                        "birth_date", "sex", "birth_place",
                                        "citizenship", "municipality",
                                        "address", "phone", "email", NULL };

/* Fold a name for matching: lower case, accents off, and only letters
 * kept, so that "D'Angelo" and "Dangelo", "El Amrani" and "El-Amrani",
 * "Nicolò" and "Nicolo" meet. */
static void fold(const char *s, char *out, size_t len)
{
	static const char *const acc[] = { "à", "a", "á", "a", "è", "e", "é", "e",
	                                   "ì", "i", "í", "i", "ò", "o", "ó", "o",
	                                   "ù", "u", "ú", "u", "À", "a", "È", "e",
	                                   "É", "e", "Ì", "i", "Ò", "o", "Ù", "u",
	                                   NULL };
	size_t n = 0;

	while (*s && n + 1 < len) {
		int done = 0;

		for (int i = 0; acc[i] && !done; i += 2) {
			size_t l = strlen(acc[i]);

			if (!strncmp(s, acc[i], l)) {
				out[n++] = acc[i + 1][0];
				s += l;
				done = 1;
			}
		}
		if (done)
			continue;
		if (*s >= 'A' && *s <= 'Z')
			out[n++] = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0x80)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
}

void wf_person_key(const cJSON *p, char *buf, size_t len)
{
	char last[128], first[128];

	fold(wf_json_str(p, "last_name") ? wf_json_str(p, "last_name") : "",
	     last, sizeof last);
	fold(wf_json_str(p, "first_name") ? wf_json_str(p, "first_name") : "",
	     first, sizeof first);
	snprintf(buf, len, "%s %s|%s", last, first,
	         wf_json_str(p, "birth_date") ? wf_json_str(p, "birth_date") : "");
}

void wf_name_fold(const char *s, char *buf, size_t len)
{
	fold(s, buf, len);
}

static int insert(struct wf_store *st, const cJSON *p, const char *key,
                  sqlite3_int64 *id, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, WF_SQL_PERSON_INSERT, e);
	char now[32];
	int i;

	if (!s)
		return e->code;
	for (i = 0; identity[i]; i++)
		wf_bind_json(s, i + 1, cJSON_GetObjectItemCaseSensitive(p, identity[i]));
	wf_bind_text(s, ++i, key);
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, ++i, now);
	if ((i = wf_sql_done(st, s, e)))
		return i;
	*id = wf_sql_last_id(st);
	return 0;
}

static int update_contacts(struct wf_store *st, const cJSON *p,
                           sqlite3_int64 id, struct wf_err *e)
{
	static const char *const cols[] = { "municipality", "address", "phone",
	                                    "email" };
	sqlite3_stmt *s = wf_sql(st, WF_SQL_PERSON_CONTACTS, e);

	if (!s)
		return e->code;
	for (int i = 0; i < 4; i++)
		wf_bind_json(s, i + 1, cJSON_GetObjectItemCaseSensitive(p, cols[i]));
	sqlite3_bind_int64(s, 5, id);
	return wf_sql_done(st, s, e);
}

/* The case ids of a person, "a, b", for messages. */
static void cases_of(struct wf_store *st, sqlite3_int64 id, char *buf,
                     size_t len, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(st, WF_SQL_PERSON_CASES_OF, e);
	size_t n = 0;

	buf[0] = '\0';
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s'%s'", n ? ", " : "",
		                      (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
}

/* Flag id and every other person with the same key as possible
 * duplicates of each other, and say so. */
static int flag_duplicates(struct wf_ctx *ctx, const cJSON *p, const char *key,
                           sqlite3_int64 id, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(ctx->st, WF_SQL_PERSON_BY_KEY, e), *d;
	const char *tc = wf_json_str(p, "tax_code");
	sqlite3_int64 others[16];
	int n = 0, rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, id);
	wf_bind_text(s, 3, tc);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < 16)
		others[n++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return wf_sql_err(ctx->st, rc, e);
	for (int i = 0; i < n; i++) {
		char cases[256];

		if (!(d = wf_sql(ctx->st, WF_SQL_PERSON_DUP, e)))
			return e->code;
		sqlite3_bind_int64(d, 1, id);
		sqlite3_bind_int64(d, 2, others[i]);
		sqlite3_bind_int64(d, 3, others[i]);
		sqlite3_bind_int64(d, 4, id);
		if ((rc = wf_sql_done(ctx->st, d, e)))
			return rc;
		cases_of(ctx->st, others[i], cases, sizeof cases, e);
		wf_warn(ctx, "%s %s, born %s, matches the person of case %s by "
		        "name and birth date: flagged as a possible duplicate, not "
		        "merged", wf_json_str(p, "first_name"),
		        wf_json_str(p, "last_name"), wf_json_str(p, "birth_date"),
		        cases[0] ? cases : "(none)");
	}
	return 0;
}

int wf_person_resolve(struct wf_ctx *ctx, const cJSON *p, sqlite3_int64 *id,
                      struct wf_err *e)
{
	const char *tc = wf_json_str(p, "tax_code");
	char key[512];
	int rc;

	if (tc) {
		if ((*id = wf_sql_id(ctx->st, WF_SQL_PERSON_BY_TAXCODE, tc, e)) < 0)
			return e->code;
		if (*id)
			return update_contacts(ctx->st, p, *id, e);
	}
	wf_person_key(p, key, sizeof key);
	if ((rc = insert(ctx->st, p, key, id, e)))
		return rc;
	return flag_duplicates(ctx, p, key, *id, e);
}
