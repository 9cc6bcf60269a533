/*
 * fuzz.h - what the harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput; built with clang -fsanitize=fuzzer it is a
 * libFuzzer target (make fuzz), built with replay.c it runs saved inputs
 * (the seed corpus and every crash found) under make check.
 */
#ifndef WF_FUZZ_H
#define WF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A harness's invariant broke: abort, so that the fuzzer keeps the input
 * and the replay fails. */
#define FUZZ_ASSERT(c) \
	do { if (!(c)) fuzz_fail(#c, __FILE__, __LINE__); } while (0)
void fuzz_fail(const char *what, const char *file, int line);

struct wf_record;
/* Read data as a file of records (its format detected as for a file) and
 * call fn on each, at most max; a reader's error must carry a message. */
void fuzz_records(const uint8_t *data, size_t size, int max,
                  void (*fn)(struct wf_record *rec));

#endif
