/*
 * wf-report - step 5 of the path: reports. 'case' writes the final report
 * of a path, to share with the person and the referring service:
 * Markdown by default, the same content as a record in YAML or JSON;
 * 'monthly' and 'range' give the figures of a period, 'indicators' the
 * funder's (ESF+); 'funnel' and 'caseload' are short views for a
 * terminal. The rules are in lib/ (reportcase.c, markdown.c,
 * reportperiod.c, reportindicators.c, reportviews.c).
 */
#include <stdlib.h>
#include <string.h>

#include "wf.h"

/* The typed domain calls, as the command line runs them. */
WF_QUERY_ADAPTER(q_report_funnel, wf_report_funnel,
                 const struct wf_view_opts)
WF_QUERY_ADAPTER(q_report_caseload, wf_report_caseload,
                 const struct wf_view_opts)
WF_QUERY_ADAPTER(q_report_indicators, wf_report_indicators,
                 const struct wf_period_opts)
WF_QUERY_ADAPTER(q_report_period, wf_report_period, const struct wf_period_opts)
WF_QUERY_ADAPTER(q_report_quality, wf_report_quality,
                 const struct wf_quality_opts)

/* The final report of each operand, with the options arg. */
static int report_case(struct wf_ctx *ctx, const void *arg, struct wf_err *e)
{
	struct wf_ids ids;

	wf_cli_ids(ctx->cli, &ids);
	return wf_report_case(ctx, &ids, arg, e);
}
static const struct wf_opt view_opts[] = {
	{ "on", 0, "DATE", N_("as of DATE (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "programme", 0, "CODE", N_("only this programme's cases"), NULL, WF_OPT_CODE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt period_opts[] = {
	{ "programme", 0, "CODE", N_("only this programme's cases"), NULL, WF_OPT_CODE, 0, 0 },
	{ "section", 0, "NAME", N_("only this section"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "min-cell", 0, "N", N_("show counts from 1 to N-1 as <N"), NULL, WF_OPT_NUMBER, 2, 1000 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt monthly_opts[] = {
	{ "month", 0, "YYYY-MM", N_("the month (required)"), NULL, WF_OPT_MONTH, 0, 0 },
	{ "compare", 0, NULL, N_("the month before and a year before beside it"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt range_opts[] = {
	{ "from", 0, "DATE", N_("the first day (required)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "to", 0, "DATE", N_("the last day (required)"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const char *const recipients_list[] = { "referrer", "host", NULL };
static const struct wf_opt case_opts[] = {
	{ "for", 0, "WHOM", N_("share it with the referrer or a host: refused "
	  "without the person's consent, and kept as a disclosure"),
	  recipients_list, WF_OPT_ENUM, 0, 0 },
	{ "to", 0, "CODE", N_("the host, when the case has several"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt *const case_tables[] = { wf_opts_common,
                                                    case_opts, NULL };
static const struct wf_opt *const monthly_tables[] = { wf_opts_common,
                                                       monthly_opts,
                                                       period_opts, NULL };
static const struct wf_opt *const range_tables[] = { wf_opts_common,
                                                     range_opts, period_opts,
                                                     NULL };
static const struct wf_opt *const view_tables[] = { wf_opts_common,
                                                    view_opts, NULL };

static int cmd_case(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_report_case_opts o = { wf_cli_opt(cli, "for"),
	                                 wf_cli_opt(cli, "to") };

	if (o.to && (!o.for_ || strcmp(o.for_, "host")))
		return wf_err_set(e, WF_EX_USAGE, "--to goes with --for host");
	if (cli->nargs == 0)
		return wf_err_set(e, WF_EX_USAGE, "case needs a case id");
	return wf_cli_query(cli, report_case, &o, "id,status", 0, e);
}

/* What monthly, range and indicators share: --programme, --section,
 * --min-cell. */
static void period_opts_of(struct wf_cli *cli, struct wf_period_opts *o)
{
	long n;

	o->programme = wf_cli_opt(cli, "programme");
	o->section = wf_cli_opt(cli, "section");
	if (wf_cli_number(cli, "min-cell", &n))
		o->min_cell = (int)n;
}

static int period(struct wf_cli *cli, struct wf_period_opts *o,
                  struct wf_err *e)
{
	period_opts_of(cli, o);
	return wf_cli_query(cli, q_report_period, o, o->compare
	                    ? "section,item,value,previous_month,year_before"
	                    : "section,item,value", 0, e);
}

static int cmd_monthly(struct wf_cli *cli, struct wf_err *e)
{
	const char *month = wf_cli_opt(cli, "month");
	struct wf_period_opts o = { 0 };
	char id[32];

	if (!wf_cli_month(cli, "month", &o.from, &o.to))
		return wf_err_set(e, WF_EX_USAGE, "monthly needs --month YYYY-MM");
	snprintf(id, sizeof id, "monthly/%s", month);
	o.id = id;
	o.compare = wf_cli_opt(cli, "compare") != NULL;
	return period(cli, &o, e);
}

/* --from and --to, and the report's id: "range/A..B". */
static int span(struct wf_cli *cli, struct wf_period_opts *o, char *id,
                size_t len, struct wf_err *e)
{
	const char *from = wf_cli_opt(cli, "from"), *to = wf_cli_opt(cli, "to");
	const char *name = cli->sub->name;

	if (!wf_cli_date(cli, "from", &o->from) ||
	    !wf_cli_date(cli, "to", &o->to))
		return wf_err_set(e, WF_EX_USAGE, "%s needs --from DATE --to DATE",
		                  name);
	if (o->to < o->from)
		return wf_err_set(e, WF_EX_USAGE, "%s: --to %s is before --from "
		                  "%s", name, to, from);
	snprintf(id, len, "%s/%s..%s", name, from, to);
	o->id = id;
	return 0;
}

static int cmd_range(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_period_opts o = { 0 };
	char id[48];
	int rc = span(cli, &o, id, sizeof id, e);

	return rc ? rc : period(cli, &o, e);
}

static int cmd_indicators(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_period_opts o = { 0 };
	char id[48];
	int rc = span(cli, &o, id, sizeof id, e);

	period_opts_of(cli, &o);
	return rc ? rc : wf_cli_query(cli, q_report_indicators, &o,
	                              "section,indicator,esf_code,total,women,men,"
	                              "non_binary,not_stated,as_of", 0, e);
}

static int view(struct wf_cli *cli, wf_query_fn fn, const char *cols,
                struct wf_err *e)
{
	struct wf_view_opts o = { wf_date_today(), wf_cli_opt(cli, "programme") };

	wf_cli_date(cli, "on", &o.on);
	return wf_cli_query(cli, fn, &o, cols, 0, e);
}

static int cmd_funnel(struct wf_cli *cli, struct wf_err *e)
{
	return view(cli, q_report_funnel, "id,cases,percent", e);
}

static int cmd_caseload(struct wf_cli *cli, struct wf_err *e)
{
	return view(cli, q_report_caseload, "operator,cases,referred,screened,"
	            "assessing,eligible,planned,placed", e);
}

static const struct wf_opt quality_opts[] = {
	{ "on", 0, "DATE", N_("as of DATE (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "programme", 0, "CODE", N_("only this programme's cases"), NULL, WF_OPT_CODE, 0, 0 },
	{ "operator", 0, "OPERATOR", N_("only the cases in this operator's charge"),
	  NULL, WF_OPT_CODE, 0, 0 },
	{ 0 }
};
static const struct wf_opt *const quality_tables[] = { wf_opts_common,
                                                       quality_opts, NULL };

static int cmd_quality(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_quality_opts o = { wf_date_today(), wf_cli_opt(cli, "programme"),
	                             wf_cli_opt(cli, "operator") };

	wf_cli_date(cli, "on", &o.on);
	return wf_cli_query(cli, q_report_quality, &o, wf_quality_columns, 0, e);
}

static const struct wf_sub subs[] = {
	{ "case", "CASE...", N_("The final report of a path (Markdown by default)"),
	  case_tables, cmd_case, NULL, "=md" },
	{ "monthly", NULL, N_("The figures of a month, as of its last day"),
	  monthly_tables, cmd_monthly, NULL, "=yaml" },
	{ "range", NULL, N_("The same figures for any span"), range_tables,
	  cmd_range, NULL, "=yaml" },
	{ "indicators", NULL, N_("The ESF+ common indicators of the participants "
	  "who entered or left in a span"), range_tables, cmd_indicators, NULL,
	  "=yaml" },
	{ "funnel", NULL, N_("How many cases reached each step (a table on a "
	  "terminal)"), view_tables, cmd_funnel, NULL, "table" },
	{ "caseload", NULL, N_("Open cases by operator and status (a table on a "
	  "terminal)"), view_tables, cmd_caseload, NULL, "table" },
	{ "quality", NULL, N_("What to chase: fields missing or declined, and "
	  "cases late by a rule (a table on a terminal)"), quality_tables,
	  cmd_quality, NULL, "table" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-report", N_("Reports: monthly and any span, the final report of a path, "
	"the funder's indicators, the funnel, the caseload, data quality."), subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
