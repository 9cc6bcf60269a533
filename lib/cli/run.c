/*
 * run.c - one invocation: its context (who, which command, which store,
 * which output) and the record loop that every writing command shares.
 * One invocation is one transaction: all records are applied or none,
 * unless --keep-going asks to apply the good ones.
 */
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

int wf_ctx_init(struct wf_ctx *ctx, const struct wf_cli *cli, unsigned flags,
                struct wf_err *e)
{
	const char *o = wf_cli_opt(cli, "output");
	char prog[32], command[64];
	int rc;

	/* A group ("wf programme") speaks as its program ("wf"). */
	snprintf(prog, sizeof prog, "%.*s", (int)strcspn(cli->cmd->name, " "),
	         cli->cmd->name);
	snprintf(command, sizeof command, "%s %s", cli->cmd->name,
	         cli->sub->name);
	wf_ctx_begin(ctx, prog, command);
	ctx->cli = cli;
	ctx->err = cli->err;
	ctx->dry_run = wf_cli_opt(cli, "dry-run") != NULL;
	ctx->keep_going = wf_cli_opt(cli, "keep-going") != NULL;
	ctx->quiet = wf_cli_opt(cli, "quiet") != NULL;
	ctx->fields = wf_cli_opt(cli, "fields");
	/* -o is one of wf_format_names: the command line checked it */
	if (o)
		wf_format_parse(o, &ctx->fmt);
	if (!o && (rc = wf_format_default(stdout, &ctx->fmt, e)))
		return rc;
	/* A view made for people (a table) is their default at a terminal;
	 * a document (a report in Markdown) is the default everywhere. */
	if (!o && cli->sub->tty_format && !getenv("WF_FORMAT")) {
		if (cli->sub->tty_format[0] == '=')
			wf_format_parse(cli->sub->tty_format + 1, &ctx->fmt);
		else if (ctx->fmt == WF_FMT_YAML)
			wf_format_parse(cli->sub->tty_format, &ctx->fmt);
	}
	return wf_ctx_store(ctx, wf_cli_opt(cli, "db"), flags, e);
}

/* Copy the held-back output to where it belongs. */
static int release(FILE *spool, FILE *out, struct wf_err *e)
{
	char buf[65536];
	size_t n;

	rewind(spool);
	while ((n = fread(buf, 1, sizeof buf, spool)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return wf_err_set(e, WF_EX_IOERR, "cannot write output");
	return ferror(spool) ? wf_err_set(e, WF_EX_IOERR, "cannot read spool") : 0;
}

/* Apply fn to one record; under --keep-going a bad record is rolled back
 * to its savepoint, reported, and counted. */
static int one(struct wf_ctx *ctx, struct wf_record *rec, wf_record_fn fn,
               const void *arg, struct wf_err *e)
{
	int rc;

	if (!ctx->keep_going)
		return fn(ctx, arg, rec, e);
	if ((rc = wf_store_savepoint(ctx->st, e)))
		return rc;
	wf_err_clear(e);
	rc = fn(ctx, arg, rec, e);
	if (rc == WF_EX_DATAERR) {
		wf_store_rollback_to(ctx->st);
		ctx->diag(ctx, e, 0);
		ctx->nbad++;
		return 0;
	}
	if (rc)
		return rc;
	return wf_store_release(ctx->st, e);
}

int wf_run(struct wf_ctx *ctx, struct wf_reader *r, wf_record_fn fn,
           const void *arg, FILE *out, const char *deflt, struct wf_err *e)
{
	struct wf_record rec = { 0 };
	FILE *spool = tmpfile();
	int rc, got;

	if (!spool)
		return wf_err_set(e, WF_EX_CANTCREAT, "cannot create a temporary file");
	if ((rc = wf_ctx_output(ctx, spool, deflt, e)) ||
	    (!ctx->readonly && (rc = wf_store_begin(ctx->st, e))))
		goto done;
	while ((got = wf_reader_next(r, &rec, e)) > 0)
		if ((rc = one(ctx, &rec, fn, arg, e)))
			break;
	if (got < 0)
		rc = e->code;
	if (!rc)
		rc = wf_out_close(ctx->out, e);
	else
		wf_out_close(ctx->out, &(struct wf_err){ 0 });
	ctx->out = NULL;
	if (ctx->readonly)
		;
	else if (rc || ctx->dry_run)
		wf_store_rollback(ctx->st);
	else
		rc = wf_store_commit(ctx->st, e);
	if (!rc)
		rc = release(spool, out, e);
	if (!rc && ctx->nbad) {
		wf_err_clear(e);   /* the summary is of no one record */
		rc = wf_err_set(e, WF_EX_DATAERR, "%s", "");
		snprintf(e->msg, sizeof e->msg, ngettext("%ld record refused",
		         "%ld records refused", (unsigned long)ctx->nbad),
		         ctx->nbad);
	} else if (!rc && ctx->nomatch)
		rc = WF_EX_NOMATCH;
done:
	wf_record_free(&rec);
	fclose(spool);
	return rc;
}

/* Run fn over the records of r (closed here) in a new context; flags as
 * for wf_store_open(), and readonly for checks. */
static int run_reader(struct wf_cli *cli, struct wf_reader *r,
                      wf_record_fn fn, const void *arg, const char *deflt,
                      int readonly, struct wf_err *e)
{
	struct wf_ctx ctx;
	int rc;

	if ((rc = wf_ctx_init(&ctx, cli, readonly ? 0 : WF_OPEN_CREATE, e)) == 0) {
		ctx.readonly = readonly;
		rc = wf_run(&ctx, r, fn, arg, stdout, deflt, e);
	}
	wf_reader_close(r);
	wf_ctx_finish(&ctx, &(struct wf_err){ 0 });
	return rc;
}

/* Refuse a terminal on standard input when no input is named. */
static int need_input(const struct wf_cli *cli, int nargs, struct wf_err *e)
{
	if (nargs == 0 && isatty(STDIN_FILENO))
		return wf_err_set(e, WF_EX_USAGE, "no input: give %s or pipe "
		                  "records in (see '%s %s --help')",
		                  cli->sub->operands, cli->cmd->name, cli->sub->name);
	return 0;
}

int wf_cli_records(struct wf_cli *cli, wf_record_fn fn, int ids,
                   const void *arg, const char *deflt, struct wf_err *e)
{
	struct wf_reader *r;
	int rc;

	if ((rc = need_input(cli, cli->nargs, e)) ||
	    (rc = wf_reader_open(&r, cli->args, cli->nargs, ids, e)))
		return rc;
	return run_reader(cli, r, fn, arg, deflt, 0, e);
}

int wf_cli_check(struct wf_cli *cli, wf_record_fn fn, int first,
                 const void *arg, const char *deflt, struct wf_err *e)
{
	struct wf_reader *r;
	int rc;

	if ((rc = need_input(cli, cli->nargs - first, e)) ||
	    (rc = wf_reader_open(&r, cli->args + first, cli->nargs - first, 0, e)))
		return rc;
	return run_reader(cli, r, fn, arg, deflt, 1, e);
}

int wf_cli_record(struct wf_cli *cli, wf_record_fn fn, cJSON *given,
                  const char *deflt, struct wf_err *e)
{
	struct wf_reader *r;
	int rc;

	if ((rc = wf_reader_single(&r, given, e)))
		return rc;
	return run_reader(cli, r, fn, NULL, deflt, 0, e);
}

/* The output written whole, and handed over, before the reads are
 * written to the audit trail: the next command of a pipeline may be a
 * writer that holds the store's write lock until it has read this output
 * to its end, and the audit needs that lock ('wf-refer list | wf-refer
 * screen -'). A pipe is let go by pointing standard output at
 * /dev/null once all is flushed. */
static int hand_over(struct wf_ctx *ctx, struct wf_err *e)
{
	struct stat sb;
	int rc = wf_out_close(ctx->out, e), fd;

	ctx->out = NULL;
	if (rc)
		return rc;
	if (fflush(stdout) != 0 || ferror(stdout))
		return wf_err_set(e, WF_EX_IOERR, "cannot write output");
	if (ctx->reads && fstat(STDOUT_FILENO, &sb) == 0 && S_ISFIFO(sb.st_mode) &&
	    (fd = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	return 0;
}

int wf_cli_query(struct wf_cli *cli, wf_query_fn fn, const void *arg,
                 const char *deflt, unsigned flags, struct wf_err *e)
{
	struct wf_ctx ctx;
	struct wf_err ce;
	int rc, frc;

	wf_err_clear(&ce);
	if ((rc = wf_ctx_init(&ctx, cli, flags | WF_OPEN_READ, e)) == 0 &&
	    (rc = wf_ctx_output(&ctx, stdout, deflt, e)) == 0 &&
	    (rc = wf_store_snapshot(ctx.st, e)) == 0) {
		ctx.log_reads = 1;
		rc = fn(&ctx, arg, e);
		/* The snapshot wrote nothing but the reads it noted, in the
		 * connection's temporary store, which ending it keeps. */
		if (wf_store_end_read(ctx.st, &ce))
			wf_store_rollback(ctx.st);
		if ((frc = hand_over(&ctx, &ce)) && !rc) {
			*e = ce;
			rc = frc;
		}
		if ((frc = wf_audit_reads_flush(&ctx, &ce)) && !rc) {
			*e = ce;
			rc = frc;
		}
		if (!rc && (frc = wf_store_unchanged(ctx.st, &ce))) {
			*e = ce;
			rc = frc;
		}
	}
	wf_err_clear(&ce);
	if (wf_ctx_finish(&ctx, &ce) && !rc) {
		*e = ce;
		rc = ce.code;
	}
	return rc;
}

void wf_cli_ids(const struct wf_cli *cli, struct wf_ids *ids)
{
	ids->v = (const char *const *)cli->args;
	ids->n = cli->nargs;
}

/* wf_cli_show's call, as a wf_query_fn. */
struct show_call {
	wf_ids_fn fn;
};

static int show_ids(struct wf_ctx *ctx, const void *arg, struct wf_err *e)
{
	const struct show_call *c = arg;
	struct wf_ids ids;

	wf_cli_ids(ctx->cli, &ids);
	return c->fn(ctx, &ids, e);
}

int wf_cli_show(struct wf_cli *cli, wf_ids_fn fn, const char *deflt,
                unsigned flags, struct wf_err *e)
{
	struct show_call c = { fn };

	if (cli->nargs == 0)
		return wf_err_set(e, WF_EX_USAGE, "%s needs %s", cli->sub->name,
		                  cli->sub->operands);
	return wf_cli_query(cli, show_ids, &c, deflt, flags, e);
}

/* A record from the template and the case another record names. */
struct template_run {
	wf_record_fn fn;
	const cJSON *tmpl;
	const void *arg;
};

static int with_template(struct wf_ctx *ctx, const void *arg,
                         struct wf_record *rec, struct wf_err *e)
{
	const struct template_run *t = arg;
	const char *id = wf_record_case_id(rec, e);
	struct wf_record one = { 0 };
	int rc;

	if (!id)
		return e->code;
	one.root = cJSON_Duplicate(t->tmpl, 1);
	cJSON_DeleteItemFromObjectCaseSensitive(one.root, "case");
	cJSON_AddStringToObject(one.root, "case", id);
	one.file = rec->file;
	one.line = rec->line;
	one.col = rec->col;
	rc = t->fn(ctx, t->arg, &one, e);
	cJSON_Delete(one.root);
	free(one.pos);
	return rc;
}

int wf_cli_template(struct wf_cli *cli, wf_record_fn fn, const cJSON *tmpl,
                    const void *arg, const char *deflt, struct wf_err *e)
{
	struct template_run t = { fn, tmpl, arg };

	return wf_cli_records(cli, with_template, 1, &t, deflt, e);
}
