/*
 * reader.c - the one loop that reads "operands, or standard input; '-' is
 * standard input" for every command (as mblaze does). Each input's format
 * is detected from its first byte that is not white space: '{' or '[' is
 * JSON, anything else YAML. A bare scalar is a case id; a scalar holding
 * several words (ids one a line, folded by YAML) gives one id each.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wf.h"

struct wf_reader {
	char **argv;
	int argc, next;     /* operands and the next one to open */
	int ids;            /* operands are case ids */
	int used_stdin;
	FILE *f;
	char name[256];
	struct wf_src *src;
	int json;
	int named;          /* the input is a file named as an operand */
	long got;           /* records read from the input */
	cJSON *single;      /* wf_reader_single(): the one record */
	char *words;        /* a multi-word scalar being split */
	char *word;
	const char *wfile;
	long wline, wcol;
};

int wf_reader_open(struct wf_reader **rp, char **argv, int argc, int ids,
                   struct wf_err *e)
{
	struct wf_reader *r = calloc(1, sizeof *r);

	if (!r)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	r->argv = argv;
	r->argc = argc;
	r->ids = ids;
	*rp = r;
	return 0;
}

int wf_reader_single(struct wf_reader **rp, cJSON *root, struct wf_err *e)
{
	int rc = wf_reader_open(rp, NULL, 0, 0, e);

	if (rc) {
		cJSON_Delete(root);
		return rc;
	}
	(*rp)->single = root;
	(*rp)->used_stdin = 1; /* so that stdin is never read */
	return 0;
}

static void close_input(struct wf_reader *r)
{
	if (r->json)
		wf_json_close(r->src);
	else
		wf_yaml_close(r->src);
	r->src = NULL;
	if (r->f && r->f != stdin)
		fclose(r->f);
	r->f = NULL;
}

/* Detect the format of r->f from its first byte that is not white
 * space, and open the source that reads it. */
static int detect(struct wf_reader *r, struct wf_err *e)
{
	char prefix[4096];
	size_t n = 0;
	int c;

	/* A byte-order mark is skipped, whatever follows: one rule for both
	 * formats (libyaml would skip it; JSON has none). */
	c = getc(r->f);
	if (c == 0xEF) {
		int c2 = getc(r->f), c3 = c2 == 0xBB ? getc(r->f) : EOF;

		if (c2 == 0xBB && c3 == 0xBF) {
			c = getc(r->f);
		} else {
			/* not a mark: the input's own bytes (YAML says where
			 * they stop being UTF-8) */
			prefix[n++] = (char)c;
			if (c2 != EOF)
				prefix[n++] = (char)c2;
			if (c3 != EOF)
				prefix[n++] = (char)c3;
		}
	}
	/* Keep the white space read so that line numbers stay true (bytes
	 * that were not a mark are already the first of the text). */
	if (n == 0) {
		while (c != EOF) {
			prefix[n++] = (char)c;
			if ((c != ' ' && c != '\t' && c != '\r' && c != '\n') ||
			    n == sizeof prefix)
				break;
			c = getc(r->f);
		}
	}
	r->json = n > 0 && (prefix[n - 1] == '{' || prefix[n - 1] == '[');
	if (r->json)
		r->src = wf_json_open(r->f, r->name, prefix, n);
	else
		r->src = wf_yaml_open(r->f, r->name, prefix, n);
	if (!r->src)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	return 0;
}

/* Open path ("-": stdin) and detect its format. */
static int open_input(struct wf_reader *r, const char *path, struct wf_err *e)
{
	r->named = strcmp(path, "-") != 0;
	r->got = 0;
	if (!strcmp(path, "-")) {
		r->f = stdin;
		snprintf(r->name, sizeof r->name, "<stdin>");
	} else {
		r->f = fopen(path, "r");
		if (!r->f) {
			int code = errno == EACCES ? WF_EX_NOPERM : WF_EX_NOINPUT;

			return wf_err_set(e, code, "cannot open '%s': %s", path,
			                  strerror(errno));
		}
		snprintf(r->name, sizeof r->name, "%s", path);
	}
	return detect(r, e);
}

int wf_reader_stream(struct wf_reader **rp, FILE *f, const char *name,
                     struct wf_err *e)
{
	int rc = wf_reader_open(rp, NULL, 0, 0, e);

	if (rc) {
		fclose(f);
		return rc;
	}
	(*rp)->used_stdin = 1; /* so that stdin is never read */
	(*rp)->f = f;
	snprintf((*rp)->name, sizeof (*rp)->name, "%s", name);
	if ((rc = detect(*rp, e))) {
		wf_reader_close(*rp);
		*rp = NULL;
	}
	return rc;
}

/* The next operand as a record when operands are case ids. */
static int operand_id(struct wf_reader *r, struct wf_record *rec)
{
	const char *a = r->argv[r->next++];

	rec->root = cJSON_CreateString(a);
	rec->file = "";
	return rec->root ? 1 : -1;
}

/* Split a multi-word string root into one record a word. */
static int next_word(struct wf_reader *r, struct wf_record *rec)
{
	char *w = r->word;

	while (*w == ' ' || *w == '\t' || *w == '\n' || *w == '\r')
		w++;
	if (!*w) {
		free(r->words);
		r->words = r->word = NULL;
		return 0;
	}
	r->word = w + strcspn(w, " \t\r\n");
	if (*r->word)
		*r->word++ = '\0';
	rec->root = cJSON_CreateString(w);
	rec->file = r->wfile;
	rec->line = r->wline;
	rec->col = r->wcol;
	return rec->root ? 1 : -1;
}

static int from_source(struct wf_reader *r, struct wf_record *rec,
                       struct wf_err *e)
{
	int rc = r->json ? wf_json_next(r->src, rec, e)
	                 : wf_yaml_next(r->src, rec, e);

	if (rc == 1 && cJSON_IsNumber(rec->root)) {
		char buf[64];

		snprintf(buf, sizeof buf, "%.15g", rec->root->valuedouble);
		cJSON_Delete(rec->root);
		rec->root = cJSON_CreateString(buf);
	}
	if (rc == 1 && cJSON_IsString(rec->root) &&
	    strpbrk(rec->root->valuestring, " \t\r\n")) {
		r->words = r->word = strdup(rec->root->valuestring);
		r->wfile = rec->file;
		r->wline = rec->line;
		r->wcol = rec->col;
		wf_record_reset(rec);
		if (!r->words)
			return wf_err_set(e, WF_EX_SOFTWARE, "out of memory"), -1;
		return -2; /* words to split */
	}
	return rc;
}

int wf_reader_next(struct wf_reader *r, struct wf_record *rec,
                   struct wf_err *e)
{
	int rc;

	wf_record_reset(rec);
	if (r->single) {
		rec->root = r->single;
		rec->file = "";
		r->single = NULL;
		return 1;
	}
	for (;;) {
		if (r->words) {
			if ((rc = next_word(r, rec)) != 0)
				return rc;
			continue;
		}
		if (r->src) {
			rc = from_source(r, rec, e);
			if (rc == -2) {
				r->got++;
				continue;
			}
			if (rc != 0) {
				r->got += rc == 1;
				return rc;
			}
			/* a file named holds records, or it is not what was
			 * meant; standard input may be empty (nothing upstream) */
			if (r->named && !r->got) {
				snprintf(e->file, sizeof e->file, "%s", r->name);
				e->line = e->col = 1;
				e->field[0] = '\0';
				close_input(r);
				return wf_err_set(e, WF_EX_DATAERR, "the file holds no "
				                  "records"), -1;
			}
			close_input(r);
			continue;
		}
		if (r->next >= r->argc) {
			if (r->argc > 0 || r->used_stdin)
				return 0;
			r->used_stdin = 1;
			if (open_input(r, "-", e))
				return -1;
			continue;
		}
		if (r->ids && strcmp(r->argv[r->next], "-"))
			return operand_id(r, rec);
		if (open_input(r, r->argv[r->next++], e))
			return -1;
	}
}

void wf_reader_close(struct wf_reader *r)
{
	if (!r)
		return;
	if (r->src || r->f)
		close_input(r);
	free(r->words);
	cJSON_Delete(r->single);
	free(r);
}
