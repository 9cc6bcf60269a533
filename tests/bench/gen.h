/*
 * gen.h - realistic referrals for the benchmark: Italian names, the
 * municipalities of the two seed services with their cadastral codes, and
 * tax codes built by the rules (so that they pass the full check).
 */
#ifndef GEN_H
#define GEN_H

struct gen_ref {
	char first[32], last[32], tax[17], birth[11], sex[2];
	char birth_place[32], municipality[32], address[64], phone[24];
	char email[96], employment[24], since[11], date[11];
	const char *programme, *referrer, *contact, *cert, *need1, *need2;
	int invalidity;
	char notes[96];
};

/* Fill r with referral number i (deterministic), dated between
 * 2025-01-01 and 2026-11-21. */
void gen_referral(long i, struct gen_ref *r);
/* The same, referred on day ref, and born 'older' days earlier than it
 * would be (to make a tax code unique). */
void gen_referral_at(long i, long ref, int older, struct gen_ref *r);

#endif
