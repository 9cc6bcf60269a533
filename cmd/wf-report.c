/*
 * wf-report - step 5 of the path: reports. 'case' writes the final report
 * of a path, to share with the person and the referring service:
 * Markdown by default, the same content as a record in YAML or JSON. The
 * rules are in lib/ (reportcase.c, markdown.c).
 */
#include "wf.h"

static const struct wf_opt *const read_tables[] = { wf_opts_common, NULL };

static int cmd_case(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, wf_report_case, NULL, "id,status", 0, e);
}

static const struct wf_sub subs[] = {
	{ "case", "CASE...", "The final report of a path (Markdown by default)",
	  read_tables, cmd_case, NULL, "=md" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-report", "Reports: the final report of a path.", subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
