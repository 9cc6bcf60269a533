/*
 * taxcode.c - the Italian codice fiscale (DM 23/12/1976, DPR 605/1973):
 *
 *   RSS MRA 85 T 10 A562 S
 *   |   |   |  | |  |    check character
 *   |   |   |  | |  municipality or foreign state of birth (Belfiore)
 *   |   |   |  | day of birth, plus 40 for women
 *   |   |   |  month letter
 *   |   |   year of birth, last two digits
 *   surname and name consonants
 *
 * Omocodia: when two people would share a code, the tax office replaces
 * digits from the right with letters (0-9 -> L M N P Q R S T U V); the
 * check character is computed on the substituted code.
 */
#include <string.h>

#include "wf.h"

static const char months[] = "ABCDEHLMPRST";
static const char omocodes[] = "LMNPQRSTUV";
/* Positions that hold digits, or omocodia letters in their place. */
static const int digit_pos[] = { 6, 7, 9, 10, 12, 13, 14 };

/* Value of a character in an odd (1st, 3rd, ...) position. */
static int odd_value(char c)
{
	static const int odd[26] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4,
	                             18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22,
	                             25, 24, 23 };

	return odd[c >= '0' && c <= '9' ? c - '0' : c - 'A'];
}

static int even_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c - 'A';
}

char wf_taxcode_checkchar(const char *code)
{
	int sum = 0;

	for (int i = 0; i < 15; i++)
		sum += i % 2 == 0 ? odd_value(code[i]) : even_value(code[i]);
	return (char)('A' + sum % 26);
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The digit a position holds, decoding an omocodia letter; -1 if neither. */
static int digit_at(const char *code, int i)
{
	const char *p;

	if (is_digit(code[i]))
		return code[i] - '0';
	if (code[i] && (p = strchr(omocodes, code[i])))
		return (int)(p - omocodes);
	return -1;
}

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

int wf_taxcode_check(const char *code, struct wf_taxcode *tc,
                     const char **why)
{
	const char *m;
	int dd;

	if (strlen(code) != 16)
		return fail(why, _("it must be 16 characters long"));
	for (int i = 0; i < 6; i++)
		if (!is_upper(code[i]))
			return fail(why, _("characters 1-6 must be letters"));
	for (size_t i = 0; i < sizeof digit_pos / sizeof digit_pos[0]; i++)
		if (digit_at(code, digit_pos[i]) < 0)
			return fail(why, _("characters 7-8, 10-11 and 13-15 must be "
			                 "digits or omocodia letters (LMNPQRSTUV)"));
	if (!is_upper(code[11]))
		return fail(why, _("character 12 must be a letter"));
	if (!(m = strchr(months, code[8])) || !code[8])
		return fail(why, _("character 9 is not a month letter (ABCDEHLMPRST)"));
	tc->yy = digit_at(code, 6) * 10 + digit_at(code, 7);
	tc->month = (int)(m - months) + 1;
	dd = digit_at(code, 9) * 10 + digit_at(code, 10);
	tc->sex = dd > 40 ? 'F' : 'M';
	tc->day = dd > 40 ? dd - 40 : dd;
	if (tc->day < 1 || tc->day > 31 || (tc->month == 2 && tc->day > 29) ||
	    (tc->day == 31 && strchr("DHPS", code[8])))
		return fail(why, _("characters 9-11 are not a day of birth"));
	if (!is_upper(code[15]))
		return fail(why, _("character 16 must be a letter"));
	if (wf_taxcode_checkchar(code) != code[15]) {
		/* named, so that a person can find a typo elsewhere in it */
		snprintf(tc->why, sizeof tc->why, _("the check character is %c; "
		         "these 15 characters give %c"), code[15],
		         wf_taxcode_checkchar(code));
		return fail(why, tc->why);
	}
	return 0;
}

static int vowel(char c)
{
	return strchr("AEIOU", c) != NULL;
}

/* Fold a name for matching: lower case, accents off, and only letters
 * kept, so that "D'Angelo" and "Dangelo", "El Amrani" and "El-Amrani",
 * "Nicolò" and "Nicolo" meet. */
void wf_name_fold(const char *s, char *out, size_t len)
{
	static const char *const acc[] = { "à", "a", "á", "a", "è", "e", "é", "e",
	                                   "ì", "i", "í", "i", "ò", "o", "ó", "o",
	                                   "ù", "u", "ú", "u", "À", "a", "È", "e",
	                                   "É", "e", "Ì", "i", "Ò", "o", "Ù", "u",
	                                   NULL };
	size_t n = 0;

	while (*s && n + 1 < len) {
		int done = 0;

		for (int i = 0; acc[i] && !done; i += 2) {
			size_t l = strlen(acc[i]);

			if (!strncmp(s, acc[i], l)) {
				out[n++] = acc[i + 1][0];
				s += l;
				done = 1;
			}
		}
		if (done)
			continue;
		if (*s >= 'A' && *s <= 'Z')
			out[n++] = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0x80)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
}


/* The letters of a name, upper case, accents taken off (after the name's
 * fold, which keeps letters only). */
static void letters_of(const char *name, char *out, size_t len)
{
	size_t n = 0;

	wf_name_fold(name ? name : "", out, len);
	for (size_t i = 0; out[i]; i++)
		if (out[i] >= 'a' && out[i] <= 'z')
			out[n++] = (char)(out[i] - 'a' + 'A');
	out[n] = '\0';
}

/* Three letters of a name: its consonants, picked by pick (NULL: in
 * order), then its vowels, then X. */
static void three(const char *name, const int *pick, char *out)
{
	char l[256], cons[256];
	size_t nc = 0, k = 0;

	letters_of(name, l, sizeof l);
	for (size_t i = 0; l[i]; i++)
		if (!vowel(l[i]))
			cons[nc++] = l[i];
	if (pick && nc >= 4) {
		for (int i = 0; i < 3; i++)
			out[k++] = cons[pick[i]];
		return;
	}
	for (size_t i = 0; i < nc && k < 3; i++)
		out[k++] = cons[i];
	for (size_t i = 0; l[i] && k < 3; i++)
		if (vowel(l[i]))
			out[k++] = l[i];
	while (k < 3)
		out[k++] = 'X';
}

void wf_taxcode_name_letters(const char *last, const char *first, char *out)
{
	static const int first_third_fourth[] = { 0, 2, 3 };

	three(last, NULL, out);
	three(first, first_third_fourth, out + 3);
	out[6] = '\0';
}
