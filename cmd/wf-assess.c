/*
 * wf-assess - step 2 of the path: the assessment. 'add' reads session
 * records (or the sessions of an assessment record) and prints them as
 * stored; 'decide' reads case ids and prints the assessments; 'plan' reads
 * plan records (or an assessment's plan) and prints the plan as stored;
 * 'show', 'list' and 'skills' print. The rules are in lib/ (assess.c,
 * plan.c, assessrecord.c); this file parses arguments and calls them.
 */
#include "wf.h"

/* The typed domain calls, as the command line runs them. */
WF_QUERY_ADAPTER(q_assess_list, wf_assess_list, const struct wf_assess_filter)
WF_QUERY_ADAPTER(q_assess_skills, wf_assess_skills, const char)
WF_RECORD_ADAPTER(r_assess_add, wf_assess_add)
WF_RECORD_ADAPTER(r_assess_plan, wf_assess_plan)
WF_RECORD_ADAPTER_OPTS(r_assess_decide, wf_assess_decide,
                       const struct wf_decide_opts)

static int show_now(struct wf_ctx *ctx, const struct wf_ids *ids,
                    struct wf_err *e)
{
	return wf_assess_show(ctx, ids, 0, e);
}

static int show_history(struct wf_ctx *ctx, const struct wf_ids *ids,
                        struct wf_err *e)
{
	return wf_assess_show(ctx, ids, 1, e);
}

static const struct wf_opt decide_opts[] = {
	{ "eligible", 0, NULL, N_("the person is eligible"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "ineligible", 0, NULL, N_("the person is not (closes the case; needs "
	  "--reason)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "defer", 0, NULL, N_("decide later (needs --review)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "reason", 0, "TEXT", N_("why"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "review", 0, "DATE", N_("when to look again, for --defer"), NULL, WF_OPT_DATE, 0, 0 },
	{ "date", 0, "DATE", N_("the date of the decision (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "by", 0, "NAME", N_("who decided (default: the operator)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt show_opts[] = {
	{ "history", 0, NULL, N_("every decision and every version of the plan"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt list_opts[] = {
	{ "decision", 0, "DECISION", N_("the latest decision is this one"),
	  wf_decisions, WF_OPT_ENUM, 0, 0 },
	{ "status", 0, "STATUS", N_("cases in this status"), wf_case_statuses, WF_OPT_ENUM, 0, 0 },
	{ "programme", 0, "CODE", N_("cases of this programme"), NULL, WF_OPT_CODE, 0, 0 },
	{ "assessor", 0, "CODE", N_("with a session by this organisation"), NULL, WF_OPT_CODE, 0, 0 },
	{ "since", 0, "DATE", N_("with a session on or after DATE"), NULL, WF_OPT_DATE, 0, 0 },
	{ "until", 0, "DATE", N_("with a session on or before DATE"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt *const write_tables[] = { wf_opts_common,
                                                     wf_opts_write, NULL };
static const struct wf_opt *const decide_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      decide_opts, NULL };
static const struct wf_opt *const show_tables[] = { wf_opts_common,
                                                    show_opts, NULL };
static const struct wf_opt *const list_tables[] = { wf_opts_common,
                                                    list_opts, NULL };
static const struct wf_opt *const read_tables[] = { wf_opts_common, NULL };

static int cmd_add(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_records(cli, r_assess_add, 0, NULL, "id,case,date,type,"
	                      "assessor", e);
}

static int cmd_decide(struct wf_cli *cli, struct wf_err *e)
{
	static const char *const flags[] = { "eligible", "ineligible", "defer" };
	struct wf_decide_opts o = { NULL, wf_cli_opt(cli, "reason"),
	                            wf_cli_opt(cli, "date"),
	                            wf_cli_opt(cli, "review"),
	                            wf_cli_opt(cli, "by") };

	for (int i = 0; i < 3; i++) {
		if (!wf_cli_opt(cli, flags[i]))
			continue;
		if (o.decision)
			return wf_err_set(e, WF_EX_USAGE, "give one of --eligible, "
			                  "--ineligible, --defer");
		o.decision = wf_decisions[i];
	}
	if (!o.decision)
		return wf_err_set(e, WF_EX_USAGE, "decide needs --eligible, "
		                  "--ineligible or --defer");
	return wf_cli_records(cli, r_assess_decide, 1, &o, wf_assessment_columns,
	                      e);
}

static int cmd_plan(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_records(cli, r_assess_plan, 0, NULL, "id,case,version,"
	                      "agreed_on", e);
}

static int cmd_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_cli_opt(cli, "history") ? show_history
	                   : show_now, wf_assessment_columns, 0, e);
}

static int cmd_list(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_assess_filter f = {
		wf_cli_opt(cli, "status"), wf_cli_opt(cli, "programme"),
		wf_cli_opt(cli, "decision"), wf_cli_opt(cli, "assessor"),
		wf_cli_opt(cli, "since"), wf_cli_opt(cli, "until")
	};

	return wf_cli_query(cli, q_assess_list, &f, wf_assessment_columns, 0, e);
}

static int cmd_skills(struct wf_cli *cli, struct wf_err *e)
{
	if (cli->nargs != 1)
		return wf_err_set(e, WF_EX_USAGE, "skills needs one case id");
	return wf_cli_query(cli, q_assess_skills, cli->args[0], wf_skill_columns,
	                    0, e);
}

static const struct wf_sub subs[] = {
	{ "add", "[FILE...]", N_("Record assessment sessions, with the skills, "
	  "prerequisites and profile seen"), write_tables, cmd_add, NULL, NULL },
	{ "decide", "CASE...|-", N_("Decide: eligible, ineligible or deferred"),
	  decide_tables, cmd_decide, NULL, NULL },
	{ "plan", "[FILE...]", N_("Record or revise the Individual Project and "
	  "Intervention Plan"), write_tables, cmd_plan, NULL, NULL },
	{ "show", "CASE...", N_("Show the whole assessment of cases"), show_tables,
	  cmd_show, NULL, NULL },
	{ "list", NULL, N_("List assessed cases"), list_tables, cmd_list, NULL,
	  NULL },
	{ "skills", "CASE", N_("The current skills of a case (a table on a "
	  "terminal)"), read_tables, cmd_skills, NULL, "table" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-assess", N_("Assessments: sessions, decisions, the Individual Project "
	"and the Intervention Plan."), subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
