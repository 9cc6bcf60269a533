/*
 * wf-monitor - step 4 of the path, all along it: monitoring contacts, and
 * what is due. 'log' reads contact records, or takes one from flags for
 * each case named; 'due' prints what is due as of a date and exits 1 when
 * nothing is, for cron; 'risks', 'list' and 'show' print. The rules are
 * in lib/ (monitor.c, due.c).
 */
#include <stdlib.h>
#include <string.h>

#include "wf.h"

/* The typed domain calls, as the command line runs them. */
WF_QUERY_ADAPTER(q_monitor_due, wf_monitor_due, const struct wf_due_filter)
WF_QUERY_ADAPTER(q_monitor_list, wf_monitor_list,
                 const struct wf_contact_filter)
WF_QUERY_ADAPTER(q_monitor_risks, wf_monitor_risks, const char)
WF_RECORD_ADAPTER(r_follow_up, wf_follow_up)
WF_RECORD_ADAPTER(r_monitor_log, wf_monitor_log)


static const struct wf_opt log_opts[] = {
	{ "with", 0, "PARTY", N_("who was met: person, tutor, family, referrer, "
	  "employer (instead of records)"), wf_parties, WF_OPT_ENUM, 0, 0 },
	{ "date", 0, "DATE", N_("when (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "how", 0, "HOW", N_("in_person (default), phone or video"), wf_contact_ways, WF_OPT_ENUM, 0, 0 },
	{ "operator", 0, "NAME", N_("who met them (default: the operator)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "placement", 0, "PLACEMENT", N_("the placement it was about"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "provider", 0, "CODE", N_("the organisation that held it, if another"),
	  NULL, WF_OPT_CODE, 0, 0 },
	{ "risk", 0, "LEVEL", N_("retention risk seen: low, medium, high"), wf_risk_levels, WF_OPT_ENUM, 0, 0 },
	{ "next-steps", 0, "TEXT", N_("what was agreed"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "notes", 0, "TEXT", N_("notes"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "next", 0, "DATE", N_("the next contact agreed"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt follow_opts[] = {
	{ "at", 0, "WHEN", N_("leaving (within four weeks of closing) or "
	  "six_months (six to nine months after) (instead of records)"),
	  wf_follow_up_times, WF_OPT_ENUM, 0, 0 },
	{ "situation", 0, "LIST", N_("employed, job_searching, education, "
	  "qualification, improved or none (comma-separated)"), wf_situations, WF_OPT_ENUMS, 0, 0 },
	{ "date", 0, "DATE", N_("when it was learnt (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "operator", 0, "NAME", N_("who learnt it (default: the operator)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "notes", 0, "TEXT", N_("notes"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt due_opts[] = {
	{ "on", 0, "DATE", N_("as of DATE (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "within", 0, "DAYS", N_("also what falls due within DAYS (7d)"), NULL, WF_OPT_DAYS, 0, 3660 },
	{ "overdue", 0, NULL, N_("only what is overdue"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "operator", 0, "NAME", N_("only the cases of this operator"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "with", 0, "PARTY", N_("only contacts with this party"), wf_parties, WF_OPT_ENUM, 0, 0 },
	{ "kind", 0, "KIND", N_("only contacts, or only the follow-ups owed after "
	  "leaving"), wf_due_kinds, WF_OPT_ENUM, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt risks_opts[] = {
	{ "level", 0, "LEVEL", N_("at or above this level (default: high)"),
	  wf_risk_levels, WF_OPT_ENUM, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt list_opts[] = {
	{ "case", 0, "CASE", N_("contacts of this case"), NULL, WF_OPT_CODE, 0, 0 },
	{ "with", 0, "PARTY", N_("contacts with this party"), wf_parties, WF_OPT_ENUM, 0, 0 },
	{ "operator", 0, "NAME", N_("contacts by this operator"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "since", 0, "DATE", N_("on or after DATE"), NULL, WF_OPT_DATE, 0, 0 },
	{ "until", 0, "DATE", N_("on or before DATE"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt *const log_tables[] = { wf_opts_common,
                                                   wf_opts_write, log_opts,
                                                   NULL };
static const struct wf_opt *const follow_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      follow_opts, NULL };
static const struct wf_opt *const due_tables[] = { wf_opts_common, due_opts,
                                                   NULL };
static const struct wf_opt *const risks_tables[] = { wf_opts_common,
                                                     risks_opts, NULL };
static const struct wf_opt *const list_tables[] = { wf_opts_common,
                                                    list_opts, NULL };
static const struct wf_opt *const read_tables[] = { wf_opts_common, NULL };

static const char due_columns[] =
	"case,person,due,item,with,reason,last_contact,operator";

/* A record from flags (map: flag, field; NULL ends), dated today unless
 * --date says otherwise: the template for each case named. */
static cJSON *from_flags(const struct wf_cli *cli, const char *const map[][2])
{
	cJSON *r = cJSON_CreateObject();
	const char *v;
	char today[11];

	for (int i = 0; map[i][0]; i++)
		if ((v = wf_cli_opt(cli, map[i][0])))
			cJSON_AddStringToObject(r, map[i][1], v);
	wf_date_format(wf_date_today(), today);
	v = wf_cli_opt(cli, "date");
	cJSON_AddStringToObject(r, "date", v ? v : today);
	return r;
}

static int cmd_log(struct wf_cli *cli, struct wf_err *e)
{
	static const char *const map[][2] = {
		{ "with", "with" }, { "how", "how" }, { "operator", "operator" },
		{ "placement", "placement" }, { "provider", "provider" },
		{ "risk", "risk" }, { "next-steps", "next_steps" },
		{ "notes", "notes" }, { "next", "next" }, { NULL, NULL }
	};
	cJSON *r;
	int rc;

	if (!wf_cli_opt(cli, "with"))
		return wf_cli_records(cli, r_monitor_log, 0, NULL,
		                      wf_contact_columns, e);
	r = from_flags(cli, map);
	rc = wf_cli_template(cli, r_monitor_log, r, NULL, wf_contact_columns, e);
	cJSON_Delete(r);
	return rc;
}

/* The follow-up the flags describe, for each case named; or records. */
static int cmd_follow_up(struct wf_cli *cli, struct wf_err *e)
{
	static const char *const map[][2] = {
		{ "at", "at" }, { "operator", "operator" }, { "notes", "notes" },
		{ NULL, NULL }
	};
	const char *situation = wf_cli_opt(cli, "situation");
	cJSON *r;
	int rc;

	if (!wf_cli_opt(cli, "at"))
		return wf_cli_records(cli, r_follow_up, 0, NULL,
		                      wf_follow_up_columns, e);
	if (!situation)
		return wf_err_set(e, WF_EX_USAGE, "follow-up --at needs --situation");
	r = from_flags(cli, map);
	cJSON_AddItemToObject(r, "situation", wf_json_split(situation, ','));
	rc = wf_cli_template(cli, r_follow_up, r, NULL, wf_follow_up_columns, e);
	cJSON_Delete(r);
	return rc;
}

static int cmd_due(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_due_filter f = { 0 };
	long n = 0;

	f.on = wf_date_today();
	wf_cli_date(cli, "on", &f.on);
	wf_cli_number(cli, "within", &n);
	f.limit = f.on + n;
	f.overdue = wf_cli_opt(cli, "overdue") != NULL;
	f.with = wf_cli_opt(cli, "with");
	f.operator_ = wf_cli_opt(cli, "operator");
	f.kind = wf_cli_opt(cli, "kind");
	return wf_cli_query(cli, q_monitor_due, &f, due_columns, 0, e);
}

static int cmd_risks(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_monitor_risks, wf_cli_opt(cli, "level"),
	                    "case,date,risk,with,operator,next_steps", 0, e);
}

static int cmd_list(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_contact_filter f = {
		wf_cli_opt(cli, "case"), wf_cli_opt(cli, "with"),
		wf_cli_opt(cli, "operator"), wf_cli_opt(cli, "since"),
		wf_cli_opt(cli, "until")
	};

	return wf_cli_query(cli, q_monitor_list, &f, wf_contact_columns, 0, e);
}

static int cmd_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_monitor_show, wf_contact_columns, 0, e);
}

static const struct wf_sub subs[] = {
	{ "log", "[FILE...]|CASE...", N_("Record contacts: records, or one from "
	  "flags for each case named"), log_tables, cmd_log, NULL, NULL },
	{ "follow-up", "[FILE...]|CASE...", N_("The situation after leaving: on "
	  "leaving and six months on"), follow_tables, cmd_follow_up, NULL,
	  NULL },
	{ "due", NULL, N_("What is due, by date; exit 1 when nothing is"),
	  due_tables, cmd_due, NULL, NULL },
	{ "risks", NULL, N_("Open cases whose latest risk is at or above a level"),
	  risks_tables, cmd_risks, NULL, NULL },
	{ "list", NULL, N_("List contacts"), list_tables, cmd_list, NULL, NULL },
	{ "show", "CONTACT|CASE...", N_("Show contacts, or a case's"), read_tables,
	  cmd_show, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-monitor", N_("Monitoring: contacts with the person, the tutor and the "
	"family, retention risk, and what is due."), subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
