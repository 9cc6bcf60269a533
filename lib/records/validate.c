/*
 * validate.c - record schemas. Each record kind declares its fields once
 * (name, type, required or written by the commands only); this file checks
 * a record against its schema and says what is wrong with the first field
 * that is, naming the nearest valid field for an unknown one.
 */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include "wf.h"

void wf_join(const char *const *list, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; list[i] && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
		                      list[i]);
}

/* Optimal string alignment distance: a swapped pair counts as one edit,
 * the commonest typo. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[40][40];

	if (la >= 40 || lb >= 40)
		return 99;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) !=
			              tolower((unsigned char)b[j - 1]);
			size_t v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

const char *wf_nearest(const char *word, const char *const *cands)
{
	const char *best = NULL;
	size_t bd = 99, limit = strlen(word) / 3 + 1;

	if (limit < 2)
		limit = 2;
	for (int i = 0; cands[i]; i++) {
		size_t d = distance(word, cands[i]);

		/* A prefix ("employ" for "employment_status") is a likely
		 * slip too. */
		if (d > limit && !strncmp(cands[i], word, strlen(word)) &&
		    strlen(word) >= 4)
			d = limit;
		if (d < bd) {
			bd = d;
			best = cands[i];
		}
	}
	return bd <= limit ? best : NULL;
}

static void subpath(char *buf, size_t len, const char *path, const char *name)
{
	snprintf(buf, len, "%s%s%s", path, *path ? "." : "", name);
}

static int enum_ok(const cJSON *v, const char *const *enums)
{
	if (!cJSON_IsString(v))
		return 0;
	for (int i = 0; enums[i]; i++)
		if (!strcmp(v->valuestring, enums[i]))
			return 1;
	return 0;
}

static int bad_enum(const struct wf_record *rec, const cJSON *v,
                    const char *path, const char *const *enums,
                    struct wf_err *e)
{
	char list[512], hint[160];
	const char *near = cJSON_IsString(v) ? wf_nearest(v->valuestring, enums)
	                                     : NULL;
	char *got = cJSON_IsString(v) ? NULL : cJSON_PrintUnformatted(v);

	wf_join(enums, list, sizeof list);
	wf_record_err(rec, v, path, e, WF_EX_DATAERR,
	              "'%s' is not one of: %s%s",
	              cJSON_IsString(v) ? v->valuestring : got ? got : "?", list,
	              wf_err_near(near, hint, sizeof hint));
	free(got);
	return WF_EX_DATAERR;
}

/* A single value where a list is wanted becomes a list of one. The node
 * is changed in place, so that its recorded position stays true and the
 * caller's iteration over its siblings is undisturbed. */
static cJSON *as_list(cJSON *v)
{
	cJSON *elem;

	if (cJSON_IsArray(v))
		return v;
	if (!(elem = cJSON_Duplicate(v, 1)))
		return NULL;
	if (cJSON_IsObject(v)) {
		cJSON_Delete(v->child);
		v->child = NULL;
	}
	free(v->valuestring);
	v->valuestring = NULL;
	v->type = cJSON_Array;
	cJSON_AddItemToArray(v, elem);
	return v;
}

/* Text fields take a YAML number as the text it was written as, changed
 * in place for the same reasons. */
static int to_text(cJSON *v)
{
	char buf[64];

	if (cJSON_IsString(v))
		return 1;
	if (!cJSON_IsNumber(v))
		return 0;
	if (wf_whole(v->valuedouble))
		snprintf(buf, sizeof buf, "%lld", (long long)v->valuedouble);
	else
		snprintf(buf, sizeof buf, "%.15g", v->valuedouble);
	if (!(v->valuestring = strdup(buf)))
		return 0;
	v->type = cJSON_String;
	return 1;
}

/* A code names a programme or an organisation in every record and on
 * every command line: short, plain, the same on any terminal. */
int wf_code_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 64 || !isalnum((unsigned char)s[0]))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

/* The fields of free text, which may run over several lines; every
 * other text is one line (a name, a code, a phone number). */
static int multiline(const char *name)
{
	static const char *const text[] = { "description", "details", "evidence",
	                                    "grounds", "needs", "next_steps",
	                                    "note", "notes", "reason",
	                                    "recommendations", NULL };

	for (int i = 0; name && text[i]; i++)
		if (!strcmp(text[i], name))
			return 1;
	return 0;
}

/* Text as a person reads it back: no control characters (they would be
 * written raw to a terminal), line breaks only in free text, not blank
 * when required, and of a length a person can read. */
static int check_text(const struct wf_record *rec, const cJSON *v,
                      const struct wf_field *f, const char *path,
                      struct wf_err *e)
{
	const unsigned char *t = (const unsigned char *)v->valuestring;
	int text = multiline(f->name), blank = 1;
	size_t n = strlen(v->valuestring), most = text ? 65536 : 256;

	for (const unsigned char *p = t; *p; p++) {
		if ((*p < 0x20 || *p == 0x7f) &&
		    !(text && (*p == '\n' || *p == '\t' || *p == '\r')))
			return *p == '\n'
			       ? wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                       "a line break in a one-line field")
			       : wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                       "a control character");
		blank &= *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
	}
	if (blank && (f->flags & WF_F_REQUIRED))
		return wf_record_err(rec, v, path, e, WF_EX_DATAERR, "is blank");
	if (n > most)
		return wf_record_err(rec, v, path, e, WF_EX_DATAERR, "longer than "
		                     "%zu bytes", most);
	return 0;
}

static int check_taxcode(const struct wf_record *rec, cJSON *v,
                         const char *path, struct wf_err *e)
{
	struct wf_taxcode tc;
	const char *why;
	char up[32];
	size_t n = strlen(v->valuestring);

	if (n >= sizeof up)
		n = sizeof up - 1;
	for (size_t i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)v->valuestring[i]);
	up[n] = '\0';
	if (wf_taxcode_check(up, &tc, &why) < 0)
		return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
		                     "'%s' is not a valid tax code: %s",
		                     v->valuestring, why);
	cJSON_SetValuestring(v, up);
	return 0;
}

/* Citizenship: a country's two-letter code (upper-cased), "stateless"
 * or "declined". A name or a three-letter code is refused with the code
 * it stands for, so that the record says what the store will hold. */
static int check_country(const struct wf_record *rec, cJSON *v,
                         const char *path, struct wf_err *e)
{
	const struct wf_country *c = wf_country_find(v->valuestring);
	char up[3];

	if (c) {
		snprintf(up, sizeof up, "%s", c->alpha2);
		cJSON_SetValuestring(v, up);
		return 0;
	}
	if (!strcmp(v->valuestring, "stateless") ||
	    !strcmp(v->valuestring, "declined"))
		return 0;
	if ((c = wf_country_match(v->valuestring)))
		return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
		                     "'%s' is not a country code: give %s (%s)",
		                     v->valuestring, c->alpha2, wf_country_name(c));
	return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
	                     "'%s' is not an ISO 3166 country code (two letters, "
	                     "as IT or MA), 'stateless' or 'declined'",
	                     v->valuestring);
}

static int check_list(const struct wf_record *rec, cJSON *list,
                      const struct wf_field *f, const char *path,
                      struct wf_err *e)
{
	char sub[160];
	int i = 0, rc;
	cJSON *c;

	cJSON_ArrayForEach(c, list) {
		snprintf(sub, sizeof sub, "%s[%d]", path, i++);
		if (f->type == WF_T_LIST) {
			if (!cJSON_IsObject(c))
				return wf_record_err(rec, c, sub, e, WF_EX_DATAERR,
				                     "expected a mapping");
			if ((rc = wf_validate(rec, c, f->sub, sub, e)) != 0)
				return rc;
		} else if (f->type == WF_T_ENUMS) {
			if (!enum_ok(c, f->enums))
				return bad_enum(rec, c, sub, f->enums, e);
		} else if (f->type == WF_T_INTS) {
			if (!cJSON_IsNumber(c) ||
			    !wf_whole(c->valuedouble) ||
			    c->valuedouble < f->min || c->valuedouble > f->max)
				return wf_record_err(rec, c, sub, e, WF_EX_DATAERR,
				                     "expected a whole number in %ld..%ld",
				                     f->min, f->max);
		} else if (!to_text(c)) {
			return wf_record_err(rec, c, sub, e, WF_EX_DATAERR,
			                     "expected text");
		}
	}
	return 0;
}

/* Check one present value v (a member of obj) against f. */
static int check_value(const struct wf_record *rec, cJSON *v,
                       const struct wf_field *f, const char *path,
                       struct wf_err *e)
{
	wf_day d;

	switch (f->type) {
	case WF_T_CODE:
		if (!to_text(v) || !wf_code_ok(v->valuestring))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR, "%s%s%s "
			                     "is not a code: 1 to 64 letters, digits, "
			                     "'-', '_' or '.', from a letter or digit",
			                     cJSON_IsString(v) ? "'" : "",
			                     cJSON_IsString(v) ? v->valuestring : "value",
			                     cJSON_IsString(v) ? "'" : "");
		return 0;
	case WF_T_STRING:
		if (!to_text(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected text");
		return check_text(rec, v, f, path, e);
	case WF_T_TAXCODE:
		if (!to_text(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected a tax code");
		return check_taxcode(rec, v, path, e);
	case WF_T_DATE:
		if (!cJSON_IsString(v) || wf_date_parse(v->valuestring, &d) < 0) {
			char *got = cJSON_PrintUnformatted(v);
			int rc = wf_record_err(rec, v, path, e, WF_EX_DATAERR,
				"%s is not a date (YYYY-MM-DD)", got ? got : "value");

			free(got);
			return rc;
		}
		return 0;
	case WF_T_INT:
		if (!cJSON_IsNumber(v) || !wf_whole(v->valuedouble))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected a whole number");
		if ((f->min || f->max) &&
		    (v->valuedouble < f->min || v->valuedouble > f->max))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "%lld is not in %ld..%ld",
			                     (long long)v->valuedouble, f->min, f->max);
		return 0;
	case WF_T_BOOL:
		if (!cJSON_IsBool(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected true or false");
		return 0;
	case WF_T_ENUM:
		return enum_ok(v, f->enums) ? 0 : bad_enum(rec, v, path, f->enums, e);
	case WF_T_OBJECT:
		if (!cJSON_IsObject(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected a mapping");
		return wf_validate(rec, v, f->sub, path, e);
	case WF_T_LIST:
	case WF_T_ENUMS:
	case WF_T_STRINGS:
	case WF_T_INTS:
		if (f->type == WF_T_LIST && !cJSON_IsArray(v) && !cJSON_IsObject(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected a list");
		if (!(v = as_list(v)))
			return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		return check_list(rec, v, f, path, e);
	case WF_T_MONEY: {
		long long cents;
		const char *why;

		if (wf_money_parse(v, &cents, &why) == 0)
			return 0;
		if (cJSON_IsString(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "'%s' %s", v->valuestring, why);
		return wf_record_err(rec, v, path, e, WF_EX_DATAERR, "%s", why);
	}
	case WF_T_COUNTRY:
		if (!to_text(v))
			return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
			                     "expected a country code");
		return check_country(rec, v, path, e);
	case WF_T_ANY:
		return 0;
	}
	return 0;
}

static const struct wf_field *find_field(const struct wf_schema *s,
                                         const char *name)
{
	for (const struct wf_field *f = s->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static int unknown(const struct wf_record *rec, const cJSON *v,
                   const struct wf_schema *s, const char *path,
                   struct wf_err *e)
{
	const char *names[96];
	const char *near;
	char list[1024];
	int n = 0;

	for (const struct wf_field *f = s->fields; f->name && n < 95; f++)
		names[n++] = f->name;
	names[n] = NULL;
	near = wf_nearest(v->string, names);
	if (near)
		return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
		                     "unknown field (did you mean '%s'?)", near);
	wf_join(names, list, sizeof list);
	return wf_record_err(rec, v, path, e, WF_EX_DATAERR,
	                     "unknown field (known: %s)", list);
}

int wf_validate(const struct wf_record *rec, cJSON *obj,
                const struct wf_schema *s, const char *path,
                struct wf_err *e)
{
	char sub[160];
	cJSON *v, *next;
	int rc;

	for (v = obj->child; v; v = next) {
		const struct wf_field *f;

		next = v->next;
		subpath(sub, sizeof sub, path, v->string);
		if (!(f = find_field(s, v->string)))
			return unknown(rec, v, s, sub, e);
		if (cJSON_IsNull(v) || (f->flags & WF_F_OUTPUT))
			continue;
		if ((rc = check_value(rec, v, f, sub, e)) != 0)
			return rc;
	}
	for (const struct wf_field *f = s->fields; f->name; f++) {
		if (!(f->flags & WF_F_REQUIRED))
			continue;
		v = cJSON_GetObjectItemCaseSensitive(obj, f->name);
		if (!v || cJSON_IsNull(v) ||
		    (cJSON_IsString(v) && !v->valuestring[0])) {
			subpath(sub, sizeof sub, path, f->name);
			return wf_record_err(rec, v ? v : obj, sub, e, WF_EX_DATAERR,
			                     "required field is missing");
		}
	}
	return 0;
}
