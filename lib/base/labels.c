/*
 * labels.c - what the human forms (table, md, the final report) show in
 * place of codes: a label for each enum value, by the field it is the
 * value of (pgettext's context, since the same English word may need two
 * Italian ones), and dates as people write them (23/11/2026 in Italian).
 * Records never go through here: keys and values stay as they are.
 */
#include <string.h>

#include "wf.h"

/* The ESF+ facts a referral records besides disability, in the order of
 * the record, the reports and their labels (wf.h). */
const char *const wf_esf_facts[] = { "foreign_background", "minority",
                                     "homeless", "rural", NULL };

struct label {
	const char *field;            /* the record key the value is of */
	const char *value;            /* the stored code */
	const char *text;             /* its English label, marked NC_() */
};

static const struct label labels[] = {
	/* cases and placements */
	{ "status", "referred", NC_("status", "referred") },
	{ "status", "screened", NC_("status", "screened") },
	{ "status", "rejected", NC_("status", "rejected") },
	{ "status", "withdrawn", NC_("status", "withdrawn") },
	{ "status", "assessing", NC_("status", "being assessed") },
	{ "status", "eligible", NC_("status", "eligible") },
	{ "status", "ineligible", NC_("status", "not eligible") },
	{ "status", "planned", NC_("status", "planned") },
	{ "status", "placed", NC_("status", "placed") },
	{ "status", "closed", NC_("status", "closed") },
	{ "status", "active", NC_("status", "active") },
	{ "status", "suspended", NC_("status", "suspended") },
	{ "status", "ended", NC_("status", "ended") },
	{ "status", "cancelled", NC_("status", "cancelled") },
	/* the outcome of a case, a placement, a goal */
	{ "outcome", "hired", NC_("outcome", "hired") },
	{ "outcome", "completed", NC_("outcome", "completed") },
	{ "outcome", "dropped_out", NC_("outcome", "dropped out") },
	{ "outcome", "withdrawn", NC_("outcome", "withdrawn") },
	{ "outcome", "moved", NC_("outcome", "moved away") },
	{ "outcome", "no_contact", NC_("outcome", "no contact (soft exit)") },
	{ "outcome", "other", NC_("outcome", "other") },
	{ "outcome", "interrupted", NC_("outcome", "interrupted") },
	/* placements and plan actions */
	{ "type", "work_grant", NC_("type", "work grant") },
	{ "type", "internship", NC_("type", "extracurricular internship") },
	{ "type", "occupational_lab", NC_("type", "occupational lab") },
	{ "type", "motivational_lab", NC_("type", "motivational lab") },
	{ "type", "hire", NC_("type", "hire") },
	{ "kind", "training", NC_("kind", "training") },
	{ "kind", "internship", NC_("kind", "extracurricular internship") },
	{ "kind", "work_grant", NC_("kind", "work grant") },
	{ "kind", "occupational_lab", NC_("kind", "occupational lab") },
	{ "kind", "motivational_lab", NC_("kind", "motivational lab") },
	{ "kind", "job_search_support", NC_("kind", "job search support") },
	{ "kind", "family_support", NC_("kind", "family support") },
	{ "kind", "post_hire_follow_up", NC_("kind", "follow-up after hiring") },
	{ "kind", "hire", NC_("kind", "hire") },
	/* assessment */
	{ "type", "interview", NC_("type", "interview") },
	{ "type", "skills_assessment", NC_("type", "skills assessment") },
	{ "type", "evaluation_unit", NC_("type", "multi-professional evaluation unit") },
	{ "type", "family_meeting", NC_("type", "family meeting") },
	{ "type", "orientation", NC_("type", "guidance") },
	{ "type", "other", NC_("type", "other") },
	{ "type", "hard", NC_("type", "technical") },
	{ "type", "soft", NC_("type", "soft") },
	{ "type", "digital", NC_("type", "digital") },
	{ "type", "language", NC_("type", "language") },
	{ "level", "none", NC_("level", "none") },
	{ "level", "basic", NC_("level", "basic") },
	{ "level", "intermediate", NC_("level", "intermediate") },
	{ "level", "advanced", NC_("level", "advanced") },
	{ "level", "expert", NC_("level", "expert") },
	{ "level", "low", NC_("level", "low") },
	{ "level", "medium", NC_("level", "medium") },
	{ "level", "high", NC_("level", "high") },
	{ "value", "met", NC_("value", "met") },
	{ "value", "partly_met", NC_("value", "partly met") },
	{ "value", "not_met", NC_("value", "not met") },
	{ "item", "punctuality", NC_("item", "punctuality") },
	{ "item", "travel_autonomy", NC_("item", "travelling on their own") },
	{ "item", "keeping_to_rules", NC_("item", "keeping to rules") },
	{ "item", "work_day_tolerance", NC_("item", "bearing a working day") },
	{ "item", "relations_with_colleagues", NC_("item", "relations with colleagues") },
	{ "item", "hygiene_and_safety", NC_("item", "hygiene and safety") },
	{ "area", "health", NC_("area", "health") },
	{ "area", "family", NC_("area", "family") },
	{ "area", "housing", NC_("area", "housing") },
	{ "area", "income", NC_("area", "income") },
	{ "area", "legal", NC_("area", "legal matters") },
	{ "area", "social_network", NC_("area", "social network") },
	{ "area", "motivation", NC_("area", "motivation") },
	{ "area", "language", NC_("area", "language") },
	{ "area", "education", NC_("area", "education") },
	{ "area", "digital", NC_("area", "digital skills") },
	{ "area", "transport", NC_("area", "transport") },
	{ "area", "other", NC_("area", "other") },
	{ "decision", "eligible", NC_("decision", "eligible") },
	{ "decision", "ineligible", NC_("decision", "not eligible") },
	{ "decision", "deferred", NC_("decision", "deferred") },
	/* monitoring */
	{ "with", "person", NC_("with", "the person") },
	{ "with", "tutor", NC_("with", "the tutor") },
	{ "with", "family", NC_("with", "the family") },
	{ "with", "referrer", NC_("with", "the referring service") },
	{ "with", "employer", NC_("with", "the employer") },
	{ "how", "in_person", NC_("how", "in person") },
	{ "how", "phone", NC_("how", "phone") },
	{ "how", "video", NC_("how", "video call") },
	{ "risk", "low", NC_("risk", "low") },
	{ "risk", "medium", NC_("risk", "medium") },
	{ "risk", "high", NC_("risk", "high") },
	{ "at", "leaving", NC_("at", "on leaving") },
	{ "at", "six_months", NC_("at", "six months after leaving") },
	{ "situation", "employed", NC_("situation", "employed") },
	{ "situation", "job_searching", NC_("situation", "looking for work") },
	{ "situation", "education", NC_("situation", "in education") },
	{ "situation", "qualification", NC_("situation", "gained a qualification") },
	{ "situation", "improved", NC_("situation", "situation improved") },
	{ "situation", "none", NC_("situation", "none of these") },
	/* sharing and consent */
	{ "basis", "consent", NC_("basis", "consent") },
	{ "basis", "public_task", NC_("basis", "public task") },
	{ "to", "referrer", NC_("to", "the referring service") },
	{ "to", "host", NC_("to", "the host") },
	{ "answer", "given", NC_("answer", "given") },
	{ "answer", "refused", NC_("answer", "refused") },
	{ "answer", "withdrawn", NC_("answer", "withdrawn") },
	/* what is due */
	{ "item", "contact", NC_("item", "contact") },
	{ "item", "follow_up", NC_("item", "follow-up") },
	/* a month of a placement, paid */
	{ "pay", "full", NC_("pay", "full pay") },
	{ "pay", "pro_rata", NC_("pay", "paid pro rata") },
	{ "pay", "none", NC_("pay", "not paid (attendance below the threshold)") },
	/* the person */
	{ "employment_status", "unemployed", NC_("employment_status", "unemployed") },
	{ "employment_status", "never_employed", NC_("employment_status", "never employed") },
	{ "employment_status", "inactive", NC_("employment_status", "inactive") },
	{ "employment_status", "student", NC_("employment_status", "student") },
	{ "employment_status", "employed", NC_("employment_status", "employed") },
	{ "certification", "law_68_1999", NC_("certification", "Law 68/1999") },
	{ "certification", "law_381_1991", NC_("certification", "Law 381/1991") },
	{ "certification", "uncertified_disadvantage", NC_("certification", "uncertified disadvantage") },
	{ "invalidity", "civil", NC_("invalidity", "civil") },
	{ "invalidity", "work_injury", NC_("invalidity", "work injury") },
	{ "invalidity", "sight", NC_("invalidity", "sight") },
	{ "invalidity", "hearing", NC_("invalidity", "hearing") },
	{ "invalidity", "war", NC_("invalidity", "war") },
	{ "invalidity", "service", NC_("invalidity", "service") },
	{ "gender", "female", NC_("gender", "women") },
	{ "gender", "male", NC_("gender", "men") },
	{ "gender", "non_binary", NC_("gender", "non-binary") },
	{ "gender", "declined", NC_("gender", "not stated") },
	/* disability and the ESF+ facts of a referral */
	{ "answer", "yes", NC_("answer", "yes") },
	{ "answer", "no", NC_("answer", "no") },
	{ "answer", "declined", NC_("answer", "declined to say") },
	{ "citizenship", "stateless", NC_("citizenship", "stateless") },
	{ "citizenship", "declined", NC_("citizenship", "declined to say") },
	/* the lines of wf-report quality */
	{ "check", "tax_code", NC_("check", "tax code") },
	{ "check", "citizenship", NC_("check", "citizenship") },
	{ "check", "gender", NC_("check", "gender") },
	{ "check", "education", NC_("check", "education") },
	{ "check", "disability", NC_("check", "disability") },
	{ "check", "foreign_background", NC_("check", "foreign background") },
	{ "check", "minority", NC_("check", "minority") },
	{ "check", "homeless", NC_("check", "housing exclusion") },
	{ "check", "rural", NC_("check", "rural area") },
	{ "check", "employment_since", NC_("check", "unemployed since") },
	{ "check", "referral_not_screened",
	  NC_("check", "referrals not screened within 15 days") },
	{ "check", "placement_past_end",
	  NC_("check", "placements past their planned end") },
	{ "check", "contact_overdue", NC_("check", "contacts overdue") },
	{ "check", "follow_up_missing",
	  NC_("check", "follow-ups after leaving not recorded") },
	{ "check", "duplicate_unreviewed",
	  NC_("check", "possible duplicates not reviewed") },
	{ "state", "missing", NC_("state", "missing") },
	{ "state", "declined", NC_("state", "declined to say") },
	{ "state", "not_a_country", NC_("state", "written as no country") },
	{ "state", "names_differ", NC_("state", "not matching the names") },
	/* the steps of a case's timeline */
	{ "step", "referral", NC_("step", "referral") },
	{ "step", "assessment", NC_("step", "assessment") },
	{ "step", "placement", NC_("step", "placement") },
	{ "step", "monitoring", NC_("step", "monitoring") },
	{ "step", "closure", NC_("step", "closure") },
	{ "step", "decision", NC_("step", "decision") },
	{ "step", "plan", NC_("step", "plan") },
	{ "step", "case", NC_("step", "case") },
	{ "step", "follow_up", NC_("step", "follow-up") },
	{ "step", "correction", NC_("step", "correction") },
	{ "step", "void", NC_("step", "voided") },
	{ "step", "restore", NC_("step", "restored") },
	{ "event", "version", NC_("event", "new version") },
	{ NULL, NULL, NULL }
};

/* The columns of the tables: a header is its key, translated in the
 * context "column" (the English header is the key itself). */
static const char *const columns[] = {
	NC_("column", "action"),
	NC_("column", "answer"),
	NC_("column", "at"),
	NC_("column", "bytes"),
	NC_("column", "case"),
	NC_("column", "cases"),
	NC_("column", "cases_open"),
	NC_("column", "changed"),
	NC_("column", "command"),
	NC_("column", "contact"),
	NC_("column", "date"),
	NC_("column", "decision"),
	NC_("column", "due"),
	NC_("column", "eligible"),
	NC_("column", "employees"),
	NC_("column", "engine"),
	NC_("column", "end"),
	NC_("column", "entity"),
	NC_("column", "entity_id"),
	NC_("column", "entries"),
	NC_("column", "erased_at"),
	NC_("column", "evidence"),
	NC_("column", "first_name"),
	NC_("column", "last_name"),
	NC_("column", "tax_code"),
	NC_("column", "follow_up"),
	NC_("column", "head"),
	NC_("column", "host"),
	NC_("column", "hours_attended"),
	NC_("column", "hours_planned"),
	NC_("column", "hours_week"),
	NC_("column", "how"),
	NC_("column", "id"),
	NC_("column", "integrity"),
	NC_("column", "keep_until"),
	NC_("column", "kind"),
	NC_("column", "last"),
	NC_("column", "last_session"),
	NC_("column", "level"),
	NC_("column", "login"),
	NC_("column", "month"),
	NC_("column", "municipality"),
	NC_("column", "name"),
	NC_("column", "operator"),
	NC_("column", "organisation"),
	NC_("column", "over_since"),
	NC_("column", "pages"),
	NC_("column", "people"),
	NC_("column", "percent"),
	NC_("column", "person"),
	NC_("column", "placement"),
	NC_("column", "placements"),
	NC_("column", "version"),
	NC_("column", "programme"),
	NC_("column", "purpose"),
	NC_("column", "reason"),
	NC_("column", "reasons"),
	NC_("column", "referrer"),
	NC_("column", "risk"),
	NC_("column", "roles"),
	NC_("column", "schema_version"),
	NC_("column", "situation"),
	NC_("column", "start"),
	NC_("column", "status"),
	NC_("column", "status_date"),
	NC_("column", "stipend"),
	NC_("column", "to"),
	NC_("column", "type"),
	NC_("column", "voided"),
	NC_("column", "with"),
	NC_("column", "section"),
	NC_("column", "item"),
	NC_("column", "value"),
	NC_("column", "previous_month"),
	NC_("column", "year_before"),
	NC_("column", "indicator"),
	NC_("column", "total"),
	NC_("column", "women"),
	NC_("column", "men"),
	NC_("column", "non_binary"),
	NC_("column", "not_stated"),
	NC_("column", "as_of"),
	NC_("column", "referred"),
	NC_("column", "screened"),
	NC_("column", "assessing"),
	NC_("column", "planned"),
	NC_("column", "placed"),
	NC_("column", "outcome"),
	NC_("column", "audit_redacted"),
	NC_("column", "guards"),
	NC_("column", "pay"),
	NC_("column", "manager"),
	NC_("column", "assigned"),
	NC_("column", "derived"),
	NC_("column", "last_service"),
	NC_("column", "days"),
	NC_("column", "soft_exit_days"),
	NC_("column", "sent_names"),
	NC_("column", "esf_code"),
	NC_("column", "citizenship"),
	NC_("column", "check"),
	NC_("column", "state"),
	NC_("column", "open"),
	NC_("column", "closed"),
	NC_("column", "other"),
	NC_("column", "other_name"),
	NC_("column", "other_cases"),
	NC_("column", "decided_on"),
	NULL
};

const char *wf_column_label(const char *path)
{
	const char *leaf = strrchr(path, '.');

	const char *t;

	leaf = leaf ? leaf + 1 : path;
	for (int i = 0; columns[i]; i++) {
		if (strcmp(columns[i], leaf))
			continue;
		t = wf_pgettext("column", columns[i]);
		return t == columns[i] ? path : t;
	}
	return path;
}

/* The fields answered yes, no or declined. */
static int answered(const char *field)
{
	if (!strcmp(field, "disability"))
		return 1;
	for (int i = 0; wf_esf_facts[i]; i++)
		if (!strcmp(field, wf_esf_facts[i]))
			return 1;
	return 0;
}

const char *wf_label(const char *field, const char *value)
{
	const struct wf_country *c;

	if (!value)
		return "";
	if (field && !strcmp(field, "citizenship") && (c = wf_country_find(value)))
		return wf_country_name(c);
	if (field && answered(field))
		field = "answer";
	for (const struct label *l = labels; l->field; l++)
		if (!strcmp(l->value, value) && (!field || !strcmp(l->field, field)))
			return wf_pgettext(l->field, l->text);
	return value;
}

int wf_date_human(const char *iso, char *buf, size_t len)
{
	wf_day d;

	if (iso && strcmp(wf_lang(), "en") && strlen(iso) == 10 &&
	    wf_date_parse(iso, &d) == 0) {
		snprintf(buf, len, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
		return 1;
	}
	snprintf(buf, len, "%s", iso ? iso : "");
	return 0;
}
