/*
 * i18n.c - the language people read. Messages, help and the labels of the
 * human forms go through GNU gettext's catalogue "workflow"; the locale
 * picks the language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) and WF_LANG
 * overrides it. Records never change with it: only LC_MESSAGES and
 * LC_CTYPE follow the locale, so numbers keep their dots whatever
 * LC_NUMERIC says, and keys and values are never translated.
 */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wf.h"

#ifndef WF_LOCALEDIR
#define WF_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *const langs[] = { "en", "it", NULL };
static const char *lang = "en";

int wf_self_dir(char *buf, size_t len)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	if (n <= 0)
		return -1;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')))
		*slash = '\0';
	snprintf(buf, len, "%s", self);
	return 0;
}

/* Where the catalogues are: beside the program (PREFIX/bin/wf and
 * PREFIX/share/locale, in a build tree as in an installed one), so that
 * a build reads its own catalogue and not an older installed one; else
 * the directory the build was configured with. */
static void find_catalogues(char *dir, size_t len)
{
	char self[PATH_MAX], mo[PATH_MAX + 64];
	char *slash;

	snprintf(dir, len, "%s", WF_LOCALEDIR);
	if (wf_self_dir(self, sizeof self) < 0)
		return;
	if ((slash = strrchr(self, '/')))
		*slash = '\0';
	snprintf(mo, sizeof mo, "%s/share/locale/it/LC_MESSAGES/%s.mo", self,
	         WF_DOMAIN);
	if (access(mo, R_OK) == 0)
		snprintf(dir, len, "%s/share/locale", self);
}

/* The language of the catalogue in use, from its header ("Language: it"),
 * or "en" when none is: the human forms write dates by it. */
static const char *catalogue_language(void)
{
	static const char header_id[] = "";
	const char *h = dgettext(WF_DOMAIN, header_id);

	h = h && *h ? strstr(h, "Language: ") : NULL;
	for (int i = 0; h && langs[i]; i++)
		if (!strncmp(h + 10, langs[i], strlen(langs[i])))
			return langs[i];
	return "en";
}

int wf_i18n_init(struct wf_err *e)
{
	const char *want = getenv("WF_LANG");
	char dir[PATH_MAX + 16];
	const char *msgs;
	int known = 0;

	setlocale(LC_CTYPE, "");
	msgs = setlocale(LC_MESSAGES, "");
	if (want && *want) {
		for (int i = 0; langs[i]; i++)
			known |= !strcmp(want, langs[i]);
		if (!known)
			return wf_err_set(e, WF_EX_CONFIG, "WF_LANG: '%s' is not one "
			                  "of: en, it", want);
		if (!strcmp(want, "en")) {
			setlocale(LC_MESSAGES, "C");
			return 0;
		}
		/* gettext ignores LANGUAGE in the C locale: C.UTF-8 is not
		 * "C" to it, and writes UTF-8 like any other. */
		if (!msgs || !strcmp(msgs, "C") || !strcmp(msgs, "POSIX"))
			setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", want, 1);
	}
	find_catalogues(dir, sizeof dir);
	bindtextdomain(WF_DOMAIN, dir);
	bind_textdomain_codeset(WF_DOMAIN, "UTF-8");
	textdomain(WF_DOMAIN);
	lang = catalogue_language();
	return 0;
}

const char *wf_lang(void)
{
	return lang;
}

const char *wf_pgettext(const char *ctx, const char *id)
{
	char key[512];
	const char *t;

	if (snprintf(key, sizeof key, "%s\004%s", ctx, id) >= (int)sizeof key)
		return id;
	t = dgettext(WF_DOMAIN, key);
	return t == key ? id : t;
}
