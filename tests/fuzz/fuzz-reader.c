/*
 * fuzz-reader.c - the record reader on any bytes: the format is detected
 * as for a file (JSON object, array or JSON Lines; else a YAML stream).
 * Every record read is located field by field and written back in YAML
 * and as a table, which exercises the writers' quoting and escaping.
 * Invariants: no crash, no leak, and an error always carries a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wf.h"

static void write_back(const cJSON *root, enum wf_format fmt)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct wf_out *o;
	struct wf_err e;

	if (!f)
		return;
	wf_err_clear(&e);
	if (!wf_out_open(&o, f, fmt, NULL, "kind,id,last_name,notes", &e)) {
		wf_out_record(o, root, &e);
		wf_out_close(o, &e);
	}
	fclose(f);
	free(text);
}

static void locate(const struct wf_record *rec)
{
	const cJSON *v;
	long line, col;

	if (!cJSON_IsObject(rec->root))
		return;
	cJSON_ArrayForEach(v, rec->root) {
		wf_record_where(rec, v, &line, &col);
		FUZZ_ASSERT(line >= 1 && col >= 1);
	}
}

static void each(struct wf_record *rec)
{
	locate(rec);
	write_back(rec->root, WF_FMT_YAML);
	write_back(rec->root, WF_FMT_TABLE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_records(data, size, 64, each);
	return 0;
}
