/* common.c - the harnesses' shared helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wf.h"

void fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

void fuzz_records(const uint8_t *data, size_t size, int max,
                  void (*fn)(struct wf_record *rec))
{
	char *copy = malloc(size + 1);
	FILE *f;
	struct wf_reader *r;
	struct wf_record rec = { 0 };
	struct wf_err e;
	int rc = 0, records = 0;

	if (!copy)
		return;
	memcpy(copy, data, size);
	/* fmemopen takes no empty buffer */
	f = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	wf_err_clear(&e);
	if (f && !wf_reader_stream(&r, f, "fuzz", &e)) {
		while (records++ < max && (rc = wf_reader_next(r, &rec, &e)) == 1)
			fn(&rec);
		if (rc < 0)
			FUZZ_ASSERT(e.code != 0 && e.msg[0] != '\0');
		wf_record_free(&rec);
		wf_reader_close(r);
	}
	free(copy);
}
