/*
 * auditchain.h - how an audit entry is sealed into the chain, for
 * audit.c, auditverify.c and the migration that seals the entries made
 * before the chain. Not part of the public interface.
 */
#ifndef WF_AUDITCHAIN_H
#define WF_AUDITCHAIN_H

#include "store.h"

#define WF_SHA_HEX 65  /* a SHA-256 in hex, with its NUL */
/* What a detail keeps of a value it does not copy. */
#define WF_AUDIT_WITHHELD "[withheld]"

/* One entry as it is hashed: every column but the detail itself, which
 * enters by its own hash, so that erasing personal data from a detail
 * leaves the chain whole. */
struct wf_audit_entry {
	long long id, person_id;     /* person_id 0: none */
	const char *at, *operator_, *login, *command, *action, *entity;
	const char *entity_id, *case_id, *detail_sha, *prev;
};

/* Append an entry with detail as given (the caller minimised it, or
 * means to keep it whole, as a correction's old and new values). The
 * case it is about: of_case, else the one its id names; person 0 is the
 * person of that case, if any. */
int wf_audit_entry(struct wf_ctx *ctx, const char *action, const char *entity,
                   const char *id, const char *of_case, long long person,
                   const cJSON *detail, struct wf_err *e);
/* The same for a command that reads (an export, a backup): the entry in
 * a transaction of its own, after the reading snapshot is ended. */
int wf_audit_apart(struct wf_ctx *ctx, const char *action, const char *entity,
                   const char *id, long long person, const cJSON *detail,
                   struct wf_err *e);
/* SHA-256 of n bytes, in lower-case hex. */
void wf_sha256_hex(const void *data, size_t n, char out[WF_SHA_HEX]);
/* The SHA-256 of the case ids sql gives (column 0, in its order, each
 * followed by a newline; key bound to ?1 unless 0), their number, and
 * the union of column 1 into *what when asked: the seal of the cases an
 * entry about many names in audit_cases. */
int wf_audit_cases_sha(struct wf_store *st, const char *sql,
                       long long key, char out[WF_SHA_HEX], long *n,
                       unsigned *what, struct wf_err *e);
/* The hash of entry a: SHA-256 of its fields as netstrings, in the order
 * of struct wf_audit_entry's declaration in workflow(7). */
void wf_audit_hash(const struct wf_audit_entry *a, char out[WF_SHA_HEX]);
/* The detail as the audit keeps it of a record that was written: a copy
 * with the values of personal and special-category fields withheld. */
cJSON *wf_audit_minimise(const cJSON *detail);
/* The case an entry is about, from its entity and id: the case itself,
 * or the case an item's id begins with (a placement 2026-0005.1); ""
 * for organisations and programmes. */
void wf_audit_case_of(const char *entity, const char *id, char *buf,
                      size_t len);
/* The detail of an entry about a person erased: as minimised, and the
 * reasons given withheld too. */
cJSON *wf_audit_redact(const cJSON *detail);
/* Seal the entries written before the chain (migration 8): minimise
 * their details and hash them in order. */
int wf_audit_seal(struct wf_store *st, struct wf_err *e);

#endif
