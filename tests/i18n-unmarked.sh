#!/bin/sh
# i18n-unmarked.sh POT [FILE...]: the string literals of the code (lib/
# with its folders, and cmd/ when no FILE is named) that read as messages to a person but
# are not in POT, the messages xgettext took from the markers (_(), N_(),
# wf_err_set() and the others 'make po' names). Prints FILE:LINE: TEXT for
# each and exits 1 when there is one. What reads as a message is text with
# two words; SQL, HTML markup and CSS, and the strings in tests/i18n-allow.txt (record values
# and the like, which are never translated), are not messages.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pot=$1
shift
if [ $# -eq 0 ]; then
	cd "$here/.."
	set -- lib/*.h lib/*/*.c lib/*/*.h lib/*/*/*.c lib/*/*/*.h cmd/*.c
fi
all=$(mktemp)
trap 'rm -f "$all"' EXIT
xgettext -a --no-wrap --from-code=UTF-8 -o "$all" "$@" 2>/dev/null
awk -v allow="$here/i18n-allow.txt" '
function flush() {
	if (id != "" || refs != "") {
		if (from == ARGV[1]) marked[id] = 1
		else if (!(id in marked) && !(id in allowed) && prose(id))
			print substr(refs, 1, index(refs " ", " ") - 1) ": " id
	}
	id = ""; refs = ""; pl = ""; inid = 0
}
function prose(s) {
	# markup and style are not messages
	if (s ~ /<[A-Za-z\/!]/ || s ~ /[{}]/)
		return 0
	if (s ~ /(SELECT|INSERT|UPDATE|CREATE|DELETE|WHERE|PRAGMA|SAVEPOINT|RELEASE|ROLLBACK|ALTER|DROP|JOIN|ORDER BY|GROUP BY| AND | AS [a-z_]+,|FROM [a-z_]+ [a-z]+|SET [a-z_]+ =|RESET [a-z_]+)/)
		return 0
	return s ~ /[A-Za-z][A-Za-z]+ [a-z][a-z]+/
}
BEGIN { while ((getline line < allow) > 0) if (line !~ /^#/ && line != "") allowed[line] = 1 }
FNR == 1 { flush() }
/^#: / { if (inid) flush(); from = FILENAME; sub(/^#: /, ""); refs = refs (refs == "" ? "" : " ") $0; next }
/^msgctxt / { next }
/^msgid_plural / { inid = 2; s = $0; sub(/^msgid_plural "/, "", s); sub(/"$/, "", s); pl = s; next }
/^msgid / { from = FILENAME; inid = 1; s = $0; sub(/^msgid "/, "", s); sub(/"$/, "", s); id = s; next }
/^"/ && inid { s = $0; sub(/^"/, "", s); sub(/"$/, "", s); if (inid == 2) pl = pl s; else id = id s; next }
/^msgstr/ { if (inid == 2 && from == ARGV[1]) marked[pl] = 1; inid = 0; next }
/^$/ { flush() }
END { flush() }
' "$pot" "$all" | sort -u > "$all.out"
cat "$all.out"
test ! -s "$all.out" && rm -f "$all.out" || { rm -f "$all.out"; exit 1; }
