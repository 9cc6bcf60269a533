/*
 * gen.c - the benchmark's referrals (see gen.h), and with main() the
 * generator: 'gen N json|yaml' writes N referrals as JSON Lines or a YAML
 * stream, every field filled.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "wf.h"

static const char *const males[] = { "Marco", "Luca", "Giuseppe", "Paolo",
	"Andrea", "Francesco", "Alessandro", "Matteo", "Stefano", "Roberto",
	"Davide", "Simone", "Giovanni", "Antonio", "Federico", "Nicolò" };
static const char *const females[] = { "Giulia", "Anna", "Francesca", "Sara",
	"Chiara", "Elena", "Laura", "Martina", "Valentina", "Paola", "Silvia",
	"Federica", "Maria", "Alessia", "Roberta", "Lucia" };
static const char *const surnames[] = { "Rossi", "Bianchi", "Ferrari",
	"Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
	"Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti",
	"Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
	"Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli",
	"Vitale", "Locatelli", "Pesenti", "Gritti", "Carrara", "Rota", "Sacchi" };
static const struct { const char *name, *code; } places[] = {
	{ "Vigevano", "L872" }, { "Mortara", "F754" }, { "Gambolò", "D901" },
	{ "Garlasco", "D925" }, { "Cassolnovo", "C053" },
	{ "Mede", "F080" }, { "Dalmine", "D245" }, { "Bergamo", "A794" },
	{ "Treviolo", "L388" }, { "Stezzano", "I951" } };
static const char *const streets[] = { "via Roma", "corso Vittorio Emanuele",
	"via Garibaldi", "via Mazzini", "viale dei Mille", "via Dante" };
static const char *const needs[] = { "job search", "transport",
	"digital skills", "Italian language", "childcare", "housing",
	"training", "sheltered first placement" };
static const char *const certs[] = { "law_68_1999", "law_381_1991",
	"uncertified_disadvantage" };
static const char *const lomellina_referrers[] = { "caritas-vigevano",
	"comune-vigevano", "comune-mortara" };

#define N(a) ((long)(sizeof a / sizeof a[0]))

/* A small deterministic generator, so that runs compare. */
static unsigned long next(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

/* Consonants, then vowels, then X, of an upper-cased name (letters only). */
static void letters(const char *name, char *cons, char *vows)
{
	size_t c = 0, v = 0;

	for (; *name; name++) {
		int ch = toupper((unsigned char)*name);

		if (ch < 'A' || ch > 'Z')
			continue;
		if (strchr("AEIOU", ch))
			vows[v++] = (char)ch;
		else
			cons[c++] = (char)ch;
	}
	cons[c] = vows[v] = '\0';
}

static void code_part(const char *name, int first, char *out)
{
	char cons[32], vows[32], all[72];

	letters(name, cons, vows);
	if (first && strlen(cons) >= 4) {
		out[0] = cons[0], out[1] = cons[2], out[2] = cons[3];
		return;
	}
	snprintf(all, sizeof all, "%s%sXXX", cons, vows);
	memcpy(out, all, 3);
}

static void tax_code(struct gen_ref *r, const char *belfiore)
{
	static const char months[] = "ABCDEHLMPRST";
	int y, m, d;

	sscanf(r->birth, "%d-%d-%d", &y, &m, &d);
	code_part(r->last, 0, r->tax);
	code_part(r->first, 1, r->tax + 3);
	snprintf(r->tax + 6, 11, "%02d%c%02d%s", y % 100, months[m - 1],
	         r->sex[0] == 'F' ? d + 40 : d, belfiore);
	r->tax[15] = wf_taxcode_checkchar(r->tax);
	r->tax[16] = '\0';
}

void gen_referral(long i, struct gen_ref *r)
{
	unsigned long s = (unsigned long)i * 2654435761UL + 12345;

	next(&s);
	next(&s);
	gen_referral_at(i, wf_date_from_ymd(2025, 1, 1) + (wf_day)(next(&s) % 690),
	                0, r);
}

void gen_referral_at(long i, wf_day ref, int older, struct gen_ref *r)
{
	unsigned long s = (unsigned long)i * 2654435761UL + 12345;
	int female = next(&s) % 2, sil = next(&s) % 3 == 0, p;
	wf_day birth;
	int age;

	next(&s);
	memset(r, 0, sizeof *r);
	snprintf(r->first, sizeof r->first, "%s",
	         female ? females[next(&s) % N(females)] : males[next(&s) % N(males)]);
	snprintf(r->last, sizeof r->last, "%s", surnames[next(&s) % N(surnames)]);
	snprintf(r->sex, sizeof r->sex, "%s", female ? "F" : "M");
	/* WORKFLOW takes under-34s and over-50s; SIL adults of any age. */
	age = sil ? 18 + (int)(next(&s) % 45)
	          : (next(&s) % 2 ? 18 + (int)(next(&s) % 17) : 50 + (int)(next(&s) % 14));
	birth = ref - age * 365 - (wf_day)(next(&s) % 360) - older;
	wf_date_format(birth, r->birth);
	wf_date_format(ref, r->date);
	wf_date_format(ref - 30 - (wf_day)(next(&s) % 900), r->since);
	p = sil ? 6 + (int)(next(&s) % 4) : (int)(next(&s) % 6);
	snprintf(r->birth_place, sizeof r->birth_place, "%s",
	         places[next(&s) % N(places)].name);
	snprintf(r->municipality, sizeof r->municipality, "%s", places[p].name);
	tax_code(r, places[p].code);
	snprintf(r->address, sizeof r->address, "%s %lu", streets[next(&s) % N(streets)],
	         1 + next(&s) % 120);
	snprintf(r->phone, sizeof r->phone, "0%lu %06lu", 300 + next(&s) % 99,
	         next(&s) % 1000000);
	snprintf(r->email, sizeof r->email, "%c.%s%ld@example.org",
	         tolower((unsigned char)r->first[0]), r->last, i);
	for (char *c = r->email; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	snprintf(r->employment, sizeof r->employment, "%s",
	         next(&s) % 4 ? "unemployed" : "never_employed");
	r->programme = sil ? "sil-bergamo" : "workflow-lomellina";
	r->referrer = sil ? "ssd-dalmine"
	                  : lomellina_referrers[next(&s) % N(lomellina_referrers)];
	r->contact = sil ? "Roberto Carrara" : "centro d'ascolto";
	r->cert = certs[next(&s) % N(certs)];
	r->invalidity = 46 + (int)(next(&s) % 55);
	r->need1 = needs[next(&s) % N(needs)];
	r->need2 = needs[next(&s) % N(needs)];
	snprintf(r->notes, sizeof r->notes, "Referral %ld: first interview "
	         "booked with the case manager.", i);
}

#ifndef GEN_NO_MAIN
#define YAML_REF \
	"---\nkind: referral\ndate: %s\nprogramme: %s\nreferrer: %s\n" \
	"referrer_contact: \"%s\"\nperson:\n  first_name: %s\n" \
	"  last_name: %s\n  tax_code: %s\n  birth_date: %s\n  sex: %s\n" \
	"  birth_place: %s\n  citizenship: IT\n  municipality: %s\n" \
	"  address: %s\n  phone: \"%s\"\n  email: %s\n" \
	"  employment_status: %s\n  employment_since: %s\n" \
	"  certifications:\n    - kind: %s\n      since: %s\n" \
	"      invalidity: civil\n      invalidity_percent: %d\n" \
	"      issued_by: INPS\n" \
	"      details: on file\nneeds: [%s, %s]\nnotes: \"%s\"\n"
#define JSON_REF \
	"{\"kind\":\"referral\",\"date\":\"%s\",\"programme\":\"%s\"," \
	"\"referrer\":\"%s\",\"referrer_contact\":\"%s\",\"person\":{" \
	"\"first_name\":\"%s\",\"last_name\":\"%s\",\"tax_code\":\"%s\"," \
	"\"birth_date\":\"%s\",\"sex\":\"%s\",\"birth_place\":\"%s\"," \
	"\"citizenship\":\"IT\",\"municipality\":\"%s\",\"address\":\"%s\"," \
	"\"phone\":\"%s\",\"email\":\"%s\",\"employment_status\":\"%s\"," \
	"\"employment_since\":\"%s\",\"certifications\":[{\"kind\":\"%s\"," \
	"\"since\":\"%s\",\"invalidity\":\"civil\",\"invalidity_percent\":%d," \
	"\"issued_by\":\"INPS\"," \
	"\"details\":\"on file\"}]},\"needs\":[\"%s\",\"%s\"]," \
	"\"notes\":\"%s\"}\n"

/* Both formats take every field of r in the same order. */
static void print_ref(int as_yaml, const struct gen_ref *r)
{
	printf(as_yaml ? YAML_REF : JSON_REF,
	       r->date, r->programme, r->referrer, r->contact, r->first, r->last,
	       r->tax, r->birth, r->sex, r->birth_place, r->municipality,
	       r->address, r->phone, r->email, r->employment, r->since, r->cert,
	       r->since, r->invalidity, r->need1, r->need2, r->notes);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	int as_yaml = argc > 2 && !strcmp(argv[2], "yaml");
	struct gen_ref r;

	for (long i = 0; i < n; i++) {
		gen_referral(i, &r);
		print_ref(as_yaml, &r);
	}
	return fflush(stdout) ? 74 : 0;
}
#endif
