/*
 * reason.c - why a target failed, in words. target.c keeps each failed
 * rule as a record (its code and facts); this file writes it out, in
 * English for the store and the records, or in the reader's language for
 * messages and the human forms. Reasons kept before there were codes
 * (and free-text reasons: a withdrawal's, a closing's) are their text.
 */
#include <string.h>

#include "wf.h"

/* The message in the reader's language, or the English one. */
__attribute__((format_arg(2)))
static const char *tr(int human, const char *msgid)
{
	return human ? _(msgid) : msgid;
}

/* The items of a list, joined with sep: labels of field's values when
 * human (the list's codes else). */
static void join(const cJSON *list, const char *field, const char *sep,
                 int human, char *buf, size_t len)
{
	const cJSON *c;
	size_t n = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach(c, list) {
		const char *v = cJSON_IsString(c) ? c->valuestring : "?";

		if (n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? sep : "",
			                      human && field ? wf_label(field, v) : v);
	}
}

static const char *value(const cJSON *r, const char *key, const char *field,
                         int human)
{
	const char *v = wf_json_str(r, key);

	if (!v)
		return tr(human, N_("unknown"));
	return human && field ? wf_label(field, v) : v;
}

static int age_text(const cJSON *r, int human, char *buf, size_t len)
{
	const cJSON *age = cJSON_GetObjectItemCaseSensitive(r, "age");
	const cJSON *ranges = cJSON_GetObjectItemCaseSensitive(r, "ranges");
	char list[256], on[16];

	if (!cJSON_IsNumber(age) || !cJSON_IsArray(ranges) ||
	    !wf_json_str(r, "on"))
		return -1;
	join(ranges, NULL, tr(human, N_(" nor ")), human, list, sizeof list);
	if (human)
		wf_date_human(wf_json_str(r, "on"), on, sizeof on);
	else
		snprintf(on, sizeof on, "%s", wf_json_str(r, "on"));
	snprintf(buf, len, tr(human, N_("age %d at %s is not in %s")),
	         age->valueint, on, list);
	return 0;
}

static int cert_text(const cJSON *r, int human, char *buf, size_t len)
{
	const cJSON *allowed = cJSON_GetObjectItemCaseSensitive(r, "allowed");
	const cJSON *why = cJSON_GetObjectItemCaseSensitive(r, "refused");
	const cJSON *pc = cJSON_GetObjectItemCaseSensitive(why, "percent");
	const cJSON *limit = cJSON_GetObjectItemCaseSensitive(why, "threshold");
	char list[512], at[32], refused[256];

	if (!cJSON_IsArray(allowed))
		return -1;
	join(allowed, "certification", ", ", human, list, sizeof list);
	if (why && cJSON_IsNumber(limit)) {
		if (cJSON_IsNumber(pc))
			snprintf(at, sizeof at, "%d%%", pc->valueint);
		else
			snprintf(at, sizeof at, "%s", tr(human, N_("no percent")));
		snprintf(refused, sizeof refused, tr(human, N_("a Law 68/1999 "
		         "certification of %s invalidity at %s does not count: the "
		         "programme asks more than %d%%")),
		         value(why, "invalidity", "invalidity", human), at,
		         limit->valueint);
		snprintf(buf, len, tr(human, N_("no certification that counts "
		         "among: %s (%s)")), list, refused);
	} else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "held"))) {
		snprintf(buf, len, tr(human, N_("no certification among: %s")), list);
	} else {
		snprintf(buf, len, tr(human, N_("no certification; needs a "
		         "certification among: %s")), list);
	}
	return 0;
}

static int any_text(const cJSON *r, int human, char *buf, size_t len)
{
	const cJSON *alts = cJSON_GetObjectItemCaseSensitive(r, "alternatives");
	const cJSON *c;
	char one[512];
	size_t n;

	if (!cJSON_IsArray(alts))
		return -1;
	n = (size_t)snprintf(buf, len, "%s",
	                     tr(human, N_("none of the alternatives holds:")));
	cJSON_ArrayForEach(c, alts) {
		wf_reason_text(c, human, one, sizeof one);
		if (n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s %s",
			                      c == alts->child ? "" : ";", one);
	}
	return 0;
}

static int rule_text(const cJSON *r, const char *rule, int human, char *buf,
                     size_t len)
{
	char list[512];

	if (!strcmp(rule, "age"))
		return age_text(r, human, buf, len);
	if (!strcmp(rule, "certification"))
		return cert_text(r, human, buf, len);
	if (!strcmp(rule, "any"))
		return any_text(r, human, buf, len);
	if (!strcmp(rule, "employment")) {
		if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "allowed")))
			return -1;
		join(cJSON_GetObjectItemCaseSensitive(r, "allowed"),
		     "employment_status", ", ", human, list, sizeof list);
		snprintf(buf, len, tr(human, N_("employment status '%s' is not one "
		         "of: %s")), value(r, "status", "employment_status", human),
		         list);
		return 0;
	}
	if (!strcmp(rule, "municipality")) {
		if (!cJSON_GetObjectItemCaseSensitive(r, "municipality"))
			return -1;
		snprintf(buf, len, tr(human, N_("municipality '%s' is not in the "
		         "programme's area")), value(r, "municipality", NULL, human));
		return 0;
	}
	return -1;
}

void wf_reason_text(const cJSON *r, int human, char *buf, size_t len)
{
	const char *rule = wf_json_str(r, "rule");
	const char *text = wf_json_str(r, "text");

	if (cJSON_IsString(r)) {
		snprintf(buf, len, "%s", r->valuestring);
		return;
	}
	/* A reason kept before its facts were: its words, as they were. */
	if (!rule || rule_text(r, rule, human, buf, len) < 0)
		snprintf(buf, len, "%s", text ? text : rule ? rule : "");
}

void wf_reasons_add(cJSON *rec, const cJSON *stored)
{
	cJSON *texts, *rules = NULL, *rule;
	const cJSON *r;
	char buf[1024];

	if (!cJSON_IsArray(stored))
		return;
	texts = cJSON_AddArrayToObject(rec, "reasons");
	cJSON_ArrayForEach(r, stored) {
		wf_reason_text(r, 0, buf, sizeof buf);
		cJSON_AddItemToArray(texts, cJSON_CreateString(buf));
		if (!cJSON_IsObject(r))
			continue;
		if (!rules)
			rules = cJSON_AddArrayToObject(rec, "rules");
		/* Its text stays where the facts cannot give it (a reason
		 * kept before they were). */
		rule = cJSON_Duplicate(r, 1);
		if (rule_text(r, wf_reason_rule(r), 0, buf, sizeof buf) == 0)
			cJSON_DeleteItemFromObjectCaseSensitive(rule, "text");
		cJSON_AddItemToArray(rules, rule);
	}
}

const char *wf_reason_rule(const cJSON *r)
{
	const char *rule = wf_json_str(r, "rule");

	return rule ? rule : "other";
}
