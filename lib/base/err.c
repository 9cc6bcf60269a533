/*
 * err.c - errors as values. A library function fills a struct wf_err and
 * returns its code; cmd/ formats it with wf_err_format() and prints it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wf.h"

void wf_err_clear(struct wf_err *e)
{
	memset(e, 0, sizeof *e);
}

int wf_err_set(struct wf_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	/* Messages are translated here, where they are made: xgettext
	 * takes wf_err_set's third argument as a message. */
	vsnprintf(e->msg, sizeof e->msg, _(fmt), ap);
	va_end(ap);
	return code;
}

void wf_err_field(struct wf_err *e, const char *field)
{
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
}

void wf_err_format(const struct wf_err *e, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (e->file[0] && e->line > 0)
		n = (size_t)snprintf(buf, len, "%s:%ld:%ld: ", e->file, e->line,
		                     e->col);
	else if (e->file[0])
		n = (size_t)snprintf(buf, len, "%s: ", e->file);
	if (n < len && e->field[0])
		n += (size_t)snprintf(buf + n, len - n, "%s: ", e->field);
	if (n < len)
		snprintf(buf + n, len - n, "%s", e->msg);
}

void wf_err_print(FILE *f, const char *prog, const struct wf_err *e,
                  int warning)
{
	char buf[2048];

	wf_err_format(e, buf, sizeof buf);
	fprintf(f, "%s: %s%s\n", prog, warning ? _("warning: ") : "", buf);
}

const char *wf_err_near(const char *near, char *buf, size_t len)
{
	buf[0] = '\0';
	if (near)
		snprintf(buf, len, _(" (did you mean '%s'?)"), near);
	return buf;
}
