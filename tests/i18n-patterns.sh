#!/bin/sh
# i18n-patterns.sh PO: every translation in PO as an extended regular
# expression that matches the end of a line holding a message it can make
# (a conversion such as %s matches any text), one a line, for grep -E -f.
# Translations with no word of their own (say "%s") would match anything
# and are left out.
set -eu
awk '
function flush() {
	if (str != "" && str !~ /^Project-Id-Version/) {
		gsub(/\\n$/, "", str)
		s = str
		# mark the conversions, escape what is special in an ERE, then
		# open the conversions
		gsub(/%[-0-9.*]*(l|ll|z)?[sdicgfu]/, "\001", s)
		gsub(/%%/, "%", s)
		gsub(/[][\\.^$*+?(){}|]/, "\\\\&", s)
		gsub(/\001/, ".*", s)
		words = s
		gsub(/\.\*/, "", words)
		if (words ~ /[[:alpha:]][[:alpha:]][[:alpha:]]/)
			print s "$"
	}
	str = ""; instr = 0
}
function text(line) {
	sub(/^(msgstr(\[[0-9]\])? )?"/, "", line)
	sub(/"$/, "", line)
	gsub(/\\"/, "\"", line)
	gsub(/\\\\/, "\\", line)
	return line
}
/^msgstr/ { flush(); instr = 1; str = text($0); next }
/^"/ && instr { str = str text($0); next }
{ if (instr) flush() }
END { flush() }
' "$1" | sort -u
