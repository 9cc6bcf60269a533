/*
 * chart.c - charts for the HTML reports, as inline SVG: horizontal bars
 * (a count by referrer, by kind, by gender) and lines (a figure month by
 * month). Each chart is a figure with its numbers in a table beside it
 * and its text alternative below, so that nothing is only in the picture.
 * A count hidden by --min-cell is drawn as hidden (a dashed bar as long as
 * the most it could be, marked <N), never as its true value, which the
 * chart is never given.
 */
#include <string.h>

#include "wf.h"

enum { LABEL_W = 200, BAR_W = 300, ROW_H = 18, VALUE_W = 50 };

/* A value as the charts write it: <N when hidden by --min-cell. */
static void count_text(char *buf, size_t len, double v, int hidden,
                       int min_cell)
{
	if (hidden)
		snprintf(buf, len, "<%d", min_cell);
	else if (wf_whole(v))
		snprintf(buf, len, "%lld", (long long)v);
	else
		snprintf(buf, len, "%.1f", v);
}

static void number(char *buf, size_t len, const struct wf_bar *b, int min_cell)
{
	count_text(buf, len, b->value, b->hidden, min_cell);
}

/* The chart's words: its title, then each label and its number. */
static void alternative(FILE *f, const char *title, const struct wf_bar *b,
                        int n, int min_cell)
{
	char v[32];

	wf_html_text(f, title);
	fputs(": ", f);
	for (int i = 0; i < n; i++) {
		number(v, sizeof v, &b[i], min_cell);
		wf_html_text(f, b[i].label);
		fputc(' ', f);
		wf_html_text(f, v);
		fputs(i + 1 < n ? "; " : ".", f);
	}
	if (!n)
		wf_html_text(f, _("nothing to show."));
}

static void data_table(FILE *f, const char *title, const char *head,
                       const struct wf_bar *b, int n, int min_cell)
{
	char v[32];

	fputs("<table class=\"chart-data\"><caption>", f);
	wf_html_text(f, title);
	fputs("</caption>\n<tr>", f);
	wf_html_cell(f, head, 0, 1);
	wf_html_cell(f, _("Number"), 1, 1);
	fputs("</tr>\n", f);
	for (int i = 0; i < n; i++) {
		number(v, sizeof v, &b[i], min_cell);
		fputs("<tr>", f);
		wf_html_cell(f, b[i].label, 0, 0);
		wf_html_cell(f, v, 1, 0);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void wf_chart_bars(FILE *f, const char *id, const char *title,
                   const char *head, const struct wf_bar *b, int n,
                   int min_cell)
{
	double most = 0;
	int h = n * ROW_H + 10;
	char v[32];

	for (int i = 0; i < n; i++) {
		double x = b[i].hidden ? min_cell - 1 : b[i].value;

		if (x > most)
			most = x;
	}
	if (most <= 0)
		most = 1;
	fprintf(f, "<figure class=\"chart\" id=\"%s\">\n<svg xmlns=\"http://www."
	        "w3.org/2000/svg\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
	        "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title "
	        "id=\"%s-t\">", id, id, id, LABEL_W + BAR_W + VALUE_W, h,
	        LABEL_W + BAR_W + VALUE_W, h, id);
	wf_html_text(f, title);
	fprintf(f, "</title><desc id=\"%s-d\">", id);
	alternative(f, title, b, n, min_cell);
	fputs("</desc>\n", f);
	for (int i = 0; i < n; i++) {
		double x = b[i].hidden ? min_cell - 1 : b[i].value;
		int w = (int)(x / most * BAR_W + 0.5), y = 5 + i * ROW_H;

		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		        LABEL_W - 6, y + 12);
		wf_html_text(f, b[i].label);
		fprintf(f, "</text><rect class=\"bar%s\" x=\"%d\" y=\"%d\" "
		        "width=\"%d\" height=\"%d\"/>", b[i].hidden
		        ? " suppressed" : "", LABEL_W, y + 2, w, ROW_H - 5);
		number(v, sizeof v, &b[i], min_cell);
		fprintf(f, "<text x=\"%d\" y=\"%d\">", LABEL_W + w + 4, y + 12);
		wf_html_text(f, v);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n", f);
	data_table(f, title, head, b, n, min_cell);
	fputs("<figcaption>", f);
	alternative(f, title, b, n, min_cell);
	fputs("</figcaption>\n</figure>\n", f);
}

enum { PLOT_X = 40, PLOT_W = 480, PLOT_Y = 10, PLOT_H = 160 };

static double point_y(double v, double most)
{
	return PLOT_Y + PLOT_H - v / most * PLOT_H;
}

/* One series as lines between the months it has a number for: a hidden
 * month breaks the line and gets no point. */
static void series_line(FILE *f, const struct wf_series *s, int k, int nx,
                        double most)
{
	double step = nx > 1 ? (double)PLOT_W / (nx - 1) : 0;
	int open = 0;

	for (int i = 0; i < nx; i++) {
		if (s->hidden[i]) {
			if (open)
				fputs("\"/>\n", f);
			open = 0;
			continue;
		}
		if (!open)
			fprintf(f, "<polyline class=\"line s%d\" points=\"", k);
		fprintf(f, "%s%.1f,%.1f", open ? " " : "", PLOT_X + i * step,
		        point_y(s->values[i], most));
		open = 1;
	}
	if (open)
		fputs("\"/>\n", f);
	for (int i = 0; i < nx; i++)
		if (!s->hidden[i])
			fprintf(f, "<circle class=\"point s%d\" cx=\"%.1f\" cy=\"%.1f\" "
			        "r=\"2.5\"/>\n", k, PLOT_X + i * step,
			        point_y(s->values[i], most));
}

static void cell_value(FILE *f, const struct wf_series *s, int i, int min_cell)
{
	char v[32];

	count_text(v, sizeof v, s->values[i], s->hidden[i], min_cell);
	wf_html_cell(f, v, 1, 0);
}

static void lines_table(FILE *f, const char *title, const char *const *x,
                        int nx, const struct wf_series *s, int ns,
                        int min_cell)
{
	fputs("<table class=\"chart-data\"><caption>", f);
	wf_html_text(f, title);
	fputs("</caption>\n<tr>", f);
	wf_html_cell(f, _("Month"), 0, 1);
	for (int k = 0; k < ns; k++)
		wf_html_cell(f, s[k].name, 1, 1);
	fputs("</tr>\n", f);
	for (int i = 0; i < nx; i++) {
		fputs("<tr>", f);
		wf_html_cell(f, x[i], 0, 0);
		for (int k = 0; k < ns; k++)
			cell_value(f, &s[k], i, min_cell);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void lines_words(FILE *f, const char *title, const char *const *x,
                        int nx, const struct wf_series *s, int ns,
                        int min_cell)
{
	char v[32];

	wf_html_text(f, title);
	fputs(". ", f);
	for (int k = 0; k < ns; k++) {
		wf_html_text(f, s[k].name);
		fputs(": ", f);
		for (int i = 0; i < nx; i++) {
			count_text(v, sizeof v, s[k].values[i], s[k].hidden[i],
			           min_cell);
			wf_html_text(f, x[i]);
			fputc(' ', f);
			wf_html_text(f, v);
			fputs(i + 1 < nx ? ", " : ". ", f);
		}
	}
}

void wf_chart_lines(FILE *f, const char *id, const char *title,
                    const char *const *x, int nx, const struct wf_series *s,
                    int ns, int min_cell)
{
	double most = 1, step = nx > 1 ? (double)PLOT_W / (nx - 1) : 0;
	int w = PLOT_X + PLOT_W + 20, h = PLOT_Y + PLOT_H + 40 + ns * 14;

	for (int k = 0; k < ns; k++)
		for (int i = 0; i < nx; i++)
			if (!s[k].hidden[i] && s[k].values[i] > most)
				most = s[k].values[i];
	fprintf(f, "<figure class=\"chart\" id=\"%s\">\n<svg xmlns=\"http://www."
	        "w3.org/2000/svg\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
	        "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title "
	        "id=\"%s-t\">", id, id, id, w, h, w, h, id);
	wf_html_text(f, title);
	fprintf(f, "</title><desc id=\"%s-d\">", id);
	lines_words(f, title, x, nx, s, ns, min_cell);
	fprintf(f, "</desc>\n<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	        "y2=\"%d\"/><line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	        "y2=\"%d\"/>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld"
	        "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
	        PLOT_X, PLOT_Y, PLOT_X, PLOT_Y + PLOT_H, PLOT_X, PLOT_Y + PLOT_H,
	        PLOT_X + PLOT_W, PLOT_Y + PLOT_H, PLOT_X - 4, PLOT_Y + 8,
	        (long long)most, PLOT_X - 4, PLOT_Y + PLOT_H);
	for (int i = 0; i < nx; i += nx > 12 ? (nx + 11) / 12 : 1) {
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
		        PLOT_X + i * step, PLOT_Y + PLOT_H + 14);
		wf_html_text(f, x[i]);
		fputs("</text>\n", f);
	}
	for (int k = 0; k < ns; k++) {
		series_line(f, &s[k], k, nx, most);
		fprintf(f, "<rect class=\"s%d\" x=\"%d\" y=\"%d\" width=\"10\" "
		        "height=\"10\"/><text x=\"%d\" y=\"%d\">", k, PLOT_X,
		        PLOT_Y + PLOT_H + 24 + k * 14, PLOT_X + 14,
		        PLOT_Y + PLOT_H + 33 + k * 14);
		wf_html_text(f, s[k].name);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n", f);
	lines_table(f, title, x, nx, s, ns, min_cell);
	fputs("<figcaption>", f);
	lines_words(f, title, x, nx, s, ns, min_cell);
	fputs("</figcaption>\n</figure>\n", f);
}
