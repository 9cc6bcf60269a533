#!/bin/sh
# layers.sh BUILD: check that no file of lib/ uses a layer above its own
# (lib/README): base < records < store < domain < reports < cli. Reads
# the objects of the library's archive (BUILD/libwf.a) with nm: for
# every function or variable a file uses from another, the layer of the
# file that defines it. Prints FILE: SYMBOL (LAYER) for each use upward
# and exits 1 when there is one.
set -eu
build=${1:?usage: layers.sh BUILD}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the archive's members are named by file; their layer, by their source
for f in $(find lib -mindepth 2 -name '*.c' | sort); do
	b=$(basename "$f" .c)
	l=${f#lib/}
	echo "$b.o ${l%%/*} $f"
done | sort > "$tmp/files"
nm -A -g "$build/libwf.a" 2>/dev/null | awk -F': *' '
	{ n = split($3, w, " ")
	  if (w[1] == "U") print $2, "U", w[2]
	  else if (n == 3) print $2, "D", w[3] }' > "$tmp/syms"
awk '$2 == "D" { print $3, $1 }' "$tmp/syms" | sort -k1,1 > "$tmp/defs"
awk '$2 == "U" { print $3, $1 }' "$tmp/syms" | sort -k1,1 > "$tmp/uses"
join "$tmp/uses" "$tmp/defs" | awk -v files="$tmp/files" '
	BEGIN {
		split("base records store domain reports cli", order, " ")
		for (i in order) rank[order[i]] = i
		while ((getline line < files) > 0) {
			split(line, f, " "); layer[f[1]] = f[2]; src[f[1]] = f[3]
		}
	}
	rank[layer[$3]] > rank[layer[$2]] {
		print src[$2] ": " $1 " (" layer[$3] ")"; bad = 1
	}
	END { exit bad }'
