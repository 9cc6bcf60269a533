/*
 * wf-refer - step 1 of the path: referrals. 'add' reads referral records
 * (files or standard input) and prints the case records it opened or
 * attached to; 'screen' and 'withdraw' read case ids (operands, or records
 * on standard input with '-') and print the cases as they now are; 'list'
 * and 'show' print case records. Every rule is in lib/ (refer.c,
 * casefile.c); this file parses arguments and calls it.
 */
#include "wf.h"

/* The typed domain calls, as the command line runs them. */
WF_QUERY_ADAPTER(q_case_list, wf_case_list, const struct wf_case_filter)
WF_RECORD_ADAPTER(r_refer_add, wf_refer_add)
WF_RECORD_ADAPTER_OPTS(r_refer_screen, wf_refer_screen,
                       const struct wf_refer_opts)
WF_RECORD_ADAPTER_OPTS(r_refer_withdraw, wf_refer_withdraw,
                       const struct wf_refer_opts)

static const struct wf_opt effective_opts[] = {
	{ "date", 0, "DATE", N_("effective date (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "note", 0, "TEXT", N_("a note kept with the change"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt withdraw_opts[] = {
	{ "reason", 0, "TEXT", N_("why the referral is withdrawn (required)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};


static const struct wf_opt list_opts[] = {
	{ "status", 0, "STATUS", N_("cases in this status"), wf_case_statuses, WF_OPT_ENUM, 0, 0 },
	{ "programme", 0, "CODE", N_("cases of this programme"), NULL, WF_OPT_CODE, 0, 0 },
	{ "referrer", 0, "CODE", N_("cases referred by this organisation"), NULL, WF_OPT_CODE, 0, 0 },
	{ "since", 0, "DATE", N_("referred on or after DATE"), NULL, WF_OPT_DATE, 0, 0 },
	{ "until", 0, "DATE", N_("referred on or before DATE"), NULL, WF_OPT_DATE, 0, 0 },
	{ "name", 0, "TEXT", N_("person's 'LAST FIRST' contains TEXT (case and "
	  "accents ignored)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt *const add_tables[] = { wf_opts_common,
                                                   wf_opts_write, NULL };
static const struct wf_opt *const screen_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      effective_opts, NULL };
static const struct wf_opt *const withdraw_tables[] = { wf_opts_common,
                                                        wf_opts_write,
                                                        effective_opts,
                                                        withdraw_opts, NULL };
static const struct wf_opt *const list_tables[] = { wf_opts_common,
                                                    list_opts, NULL };
static const struct wf_opt *const show_tables[] = { wf_opts_common, NULL };

static int cmd_add(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_records(cli, r_refer_add, 0, NULL, wf_case_columns, e);
}

static int cmd_screen(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_refer_opts o = { wf_cli_opt(cli, "date"),
	                           wf_cli_opt(cli, "note"), NULL };

	return wf_cli_records(cli, r_refer_screen, 1, &o, wf_case_columns, e);
}

static int cmd_withdraw(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_refer_opts o = { wf_cli_opt(cli, "date"),
	                           wf_cli_opt(cli, "note"),
	                           wf_cli_opt(cli, "reason") };

	if (!o.reason || !*o.reason)
		return wf_err_set(e, WF_EX_USAGE, "withdraw needs --reason");
	return wf_cli_records(cli, r_refer_withdraw, 1, &o, wf_case_columns, e);
}

static int cmd_list(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_case_filter f = {
		wf_cli_opt(cli, "status"), wf_cli_opt(cli, "programme"),
		wf_cli_opt(cli, "referrer"), wf_cli_opt(cli, "since"),
		wf_cli_opt(cli, "until"), wf_cli_opt(cli, "name")
	};
	int rc;

	if ((rc = wf_case_filter_check(&f, e)))
		return rc;
	return wf_cli_query(cli, q_case_list, &f, wf_case_columns, 0, e);
}

static int cmd_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_case_show, wf_case_columns, 0, e);
}

static const struct wf_sub subs[] = {
	{ "add", "[FILE...]", N_("Add referrals: open a case for each, or attach "
	  "it to the person's open case"), add_tables, cmd_add, NULL, NULL },
	{ "screen", "CASE...|-", N_("Check cases against their programme's target "
	  "at the referral date: screened or rejected"), screen_tables, cmd_screen,
	  NULL, NULL },
	{ "withdraw", "CASE...|-", N_("Withdraw referred or screened cases"),
	  withdraw_tables, cmd_withdraw, NULL, NULL },
	{ "list", NULL, N_("List cases, oldest referral first"), list_tables,
	  cmd_list, NULL, NULL },
	{ "show", "CASE...", N_("Show cases with their history"), show_tables,
	  cmd_show, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-refer", N_("Referrals to a work-inclusion service: add, screen, "
	"withdraw, list, show."), subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
