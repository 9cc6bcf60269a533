/*
 * auditlog.c - the audit trail read back: the entries about a case or a
 * person, by an operator or a login, of an action, in a span of time,
 * oldest first, streamed from the index that narrows them most.
 */
#include <ctype.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char wf_audit_columns[] =
	"id,at,operator,login,command,action,entity,entity_id";

static int is_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A bound of --since or --until as the text 'at' is compared with: a
 * day stands for the whole of it (a day's times sort after the day and
 * before "DAYZ"). */
static int time_bound(const char *opt, const char *v, int until,
                      char *buf, size_t len, struct wf_err *e)
{
	wf_day d;
	char day[11];

	if (!v) {
		snprintf(buf, len, "%s", until ? "~" : "");
		return 0;
	}
	snprintf(day, sizeof day, "%.10s", v);
	if (wf_date_parse(day, &d) == 0 &&
	    (strlen(v) == 10 ||
	     (strlen(v) == 20 && v[10] == 'T' && is_digits(v + 11, 2) &&
	      v[13] == ':' && is_digits(v + 14, 2) && v[16] == ':' &&
	      is_digits(v + 17, 2) && v[19] == 'Z'))) {
		snprintf(buf, len, "%s%s", v, until && strlen(v) == 10 ? "Z" : "");
		return 0;
	}
	return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not a day (YYYY-MM-DD) "
	                  "or a UTC time (YYYY-MM-DDTHH:MM:SSZ)", opt, v);
}

/* A row of "SELECT" AUDIT_COLUMNS as the record wf audit log prints. */
static cJSON *entry_record(struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject(), *d;
	const char *detail = wf_col_str(s, AUDIT_DETAIL);

	cJSON_AddStringToObject(r, "kind", "audit");
	cJSON_AddNumberToObject(r, "id", (double)wf_col_int64(s, AUDIT_ID));
	wf_col_add(r, "at", s, AUDIT_AT);
	wf_col_add(r, "operator", s, AUDIT_OPERATOR);
	wf_col_add(r, "login", s, AUDIT_LOGIN);
	wf_col_add(r, "command", s, AUDIT_COMMAND);
	wf_col_add(r, "action", s, AUDIT_ACTION);
	wf_col_add(r, "entity", s, AUDIT_ENTITY);
	wf_col_add(r, "entity_id", s, AUDIT_ENTITY_ID);
	wf_col_add(r, "case", s, AUDIT_CASE);
	wf_col_add(r, "person", s, AUDIT_PERSON);
	if (detail && (d = cJSON_Parse(detail)))
		cJSON_AddItemToObject(r, "detail", d);
	wf_col_add(r, "erased_by", s, AUDIT_REDACTED_BY);
	wf_col_add(r, "hash", s, AUDIT_HASH);
	return r;
}

static int emit_all(struct wf_ctx *ctx, struct wf_stmt *s, struct wf_err *e)
{
	long n = 0;
	int rc = 0, step = WF_DONE;

	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r = entry_record(s);

		rc = wf_emit(ctx, r, e);
		cJSON_Delete(r);
		n++;
	}
	if (!rc && step != WF_DONE && step != WF_ROW)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no audit entries match");
	return rc;
}

/* The log, by the index that narrows it most: a case's entries, a
 * person's, or all in order; the other filters are NULL when not given,
 * the times bounded by the empty string and a high one. */
#define AUDIT_OF_CASE \
	" (case_id = ?1 OR id IN (SELECT audit_id FROM audit_cases" \
	"  WHERE case_id = ?1))"
#define AUDIT_OF_PERSON \
	" (person_id = ?2 OR id IN (SELECT a.audit_id FROM audit_cases a" \
	"  JOIN cases c ON c.id = a.case_id WHERE c.person_id = ?2))"
#define AUDIT_LOG_REST \
	" AND (?1 IS NULL OR" AUDIT_OF_CASE ")" \
	" AND (?2 IS NULL OR" AUDIT_OF_PERSON ")" \
	" AND (?3 IS NULL OR operator = ?3 OR login = ?3)" \
	" AND at >= ?4 AND at <= ?5 AND (?6 IS NULL OR action = ?6)" \
	" ORDER BY id"

static const char SQL_AUDIT_LOG_CASE[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE" AUDIT_OF_CASE AUDIT_LOG_REST;

static const char SQL_AUDIT_LOG_PERSON[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE" AUDIT_OF_PERSON AUDIT_LOG_REST;

static const char SQL_AUDIT_LOG_ALL[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE 1 = 1" AUDIT_LOG_REST;

int wf_audit_log(struct wf_ctx *ctx, const struct wf_audit_filter *f,
                 struct wf_err *e)
{
	char since[32], until[32];
	long long who = 0;
	const char *sql = f->case_id ? SQL_AUDIT_LOG_CASE
	                : f->person ? SQL_AUDIT_LOG_PERSON
	                            : SQL_AUDIT_LOG_ALL;
	struct wf_stmt *s;
	int rc;

	if ((rc = time_bound("since", f->since, 0, since, sizeof since, e)) ||
	    (rc = time_bound("until", f->until, 1, until, sizeof until, e)))
		return rc;
	if (f->person && !(who = wf_person_find(ctx->st, f->person, e)))
		return e->code;
	if (!(s = wf_sql(ctx->st, sql, e)))
		return e->code;
	wf_bind_text(s, 1, f->case_id);
	if (who)
		wf_bind_int64(s, 2, who);
	wf_bind_text(s, 3, f->operator_);
	wf_bind_text(s, 4, since);
	wf_bind_text(s, 5, until);
	wf_bind_text(s, 6, f->action);
	return emit_all(ctx, s, e);
}
