#!/bin/sh
# make bench-store (a benchmark, not a test): build stores of SIZES cases
# (default 10000 and 100000) through the commands themselves, the whole
# path of each case from 2022 to today (path.c), and keep them in STORES
# to reuse; then time every working list and report on each store, with
# its peak memory, beside a hand-written query of the same main figures
# run with the sqlite3 shell (hand/*.sql), and the ratio between the two;
# each the fastest of three runs (the first warms the page cache). Then
# the same on PostgreSQL, side by side: each store copied (wf store copy)
# into a database of a throwaway cluster (tests/pg-cluster.sh) started
# here and removed at the end; PG=0 leaves it out.
set -eu
SIZES=${SIZES:-10000 100000}
here=$(cd "$(dirname "$0")" && pwd)
ex=$here/../../examples
PATH=$WF_BIN:$PATH
export WF_TODAY=2026-11-22 WF_OPERATOR=bench
unset WF_FORMAT
mkdir -p "$STORES"
pgdir=
if [ "${PG:-1}" != 0 ]; then
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/wf-bench-pg.XXXXXX")
	chmod 755 "$pgdir"
	trap 'sh "$here/../pg-cluster.sh" stop "$pgdir"' EXIT
	trap 'exit 130' INT TERM
	for kv in $(sh "$here/../pg-cluster.sh" start "$pgdir"); do
		export "${kv?}"
	done
fi
# on_pg N: the store of N cases copied into a database of its own.
on_pg() {
	psql -X -q -d postgres -c "CREATE DATABASE bench_$1"
	echo "copying the store of $1 cases to PostgreSQL..."
	wf store copy -q "$STORES/$1.db" "postgresql:///bench_$1"
}

# build N: the store of N cases, unless it is there.
build() {
	n=$1 db=$STORES/$1.db work=$STORES/$1.work
	[ -f "$db" ] && return 0
	echo "building a store of $n cases in $db (once)..."
	rm -rf "$work" "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
	mkdir -p "$work"
	export WF_DB="$db.tmp"
	wf programme load -q "$ex"/programmes/*.yaml
	wf org add -q "$ex"/organisations.yaml
	i=1
	while [ "$i" -le 400 ]; do
		printf '{"id":"host-%03d","name":"Host %d","roles":["host"],"employees":400}\n' "$i" "$i"
		i=$((i + 1))
	done > "$work/hosts.jsonl"
	wf org add -q "$work/hosts.jsonl"
	"$BENCH/path" "$n" referrals > "$work/referrals.jsonl"
	wf-refer add -q --keep-going "$work/referrals.jsonl" 2> "$work/refused.log" ||
	    [ $? = 65 ]
	wf-refer list -o tsv --fields person.tax_code,id | tail -n +2 > "$work/map.tsv"
	"$BENCH/path" "$n" steps "$work/map.tsv" "$work" > "$work/run.sh"
	sh "$work/run.sh" 2>> "$work/refused.log"
	echo "  $(grep -c ' -q ' "$work/run.sh") commands run;" \
	    "$(grep -c 'refused$' "$work/refused.log" || true) of them refused" \
	    "records (see $work/refused.log)"
	mv "$db.tmp" "$db"
	rm -f "$db.tmp-wal" "$db.tmp-shm"
}

# best HOW ARGS...: run ARGS three times (input from HOW, a file, or
# /dev/null) and print the fastest time and the largest peak memory, as
# "SECONDS KIB"; the first run warms the page cache for the others.
best() {
	how=$1
	shift
	t=99999 kib=0
	for _ in 1 2 3; do
		set -- $("$BENCH/peak" "$how" /dev/null "$@") "$@"
		case $3 in 0|1) ;; *) echo "$*: exited $3" >&2; exit 1 ;; esac
		t=$(awk -v a="$t" -v b="$1" 'BEGIN { print (b < a ? b : a) }')
		[ "$2" -gt "$kib" ] && kib=$2
		shift 3
	done
	echo "$t $kib"
}

# row LABEL HAND ARGS...: time ARGS on the store, and the hand query
# HAND (a file, or - for none), and ARGS on PostgreSQL; print one line.
row() {
	label=$1 hand=$2
	shift 2
	pt=- pratio=-
	if [ -n "$pgdir" ]; then
		pt=$(export WF_DB="postgresql:///bench_$n"
		     best /dev/null "$@" | cut -d' ' -f1)
	fi
	set -- $(best /dev/null "$@")
	t=$1 kib=$2
	[ "$pt" = - ] ||
		pratio=$(awk -v a="$pt" -v b="$t" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
	if [ "$hand" = - ]; then
		ht=- ratio=-
	else
		set -- $(best "$hand" sqlite3 -batch "$WF_DB")
		ht=$1
		ratio=$(awk -v a="$t" -v b="$ht" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
	fi
	printf '%-40s %7.2f s %7.1f MiB %8s s %6s %8s s %6s\n' "$label" "$t" \
	    "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$ht" "$ratio" \
	    "$pt" "$pratio"
	echo "$n $label $t" >> "$STORES/times"
}

measure() {
	n=$1
	export WF_DB="$STORES/$n.db"
	one=$(wf-refer list --status placed -o tsv --fields id | sed -n 2p)
	printf '\n%s cases, %s contacts, %s placements\n' \
	    "$(sqlite3 "$WF_DB" 'SELECT count(*) FROM cases')" \
	    "$(sqlite3 "$WF_DB" 'SELECT count(*) FROM contact')" \
	    "$(sqlite3 "$WF_DB" 'SELECT count(*) FROM placement')"
	printf '%-40s %9s %11s %10s %6s %10s %6s\n' command time peak \
	    "hand SQL" ratio PostgreSQL "PG/SQLite"
	h=$here/hand
	sed 's/@FROM@/2026-06-01/g; s/@TO@/2026-06-30/g' "$h/period.sql" > "$STORES/monthly.sql"
	sed 's/@FROM@/2025-07-01/g; s/@TO@/2026-06-30/g' "$h/period.sql" > "$STORES/range.sql"
	row "wf-monitor due" "$h/due.sql" wf-monitor due
	row "wf-monitor risks" "$h/risks.sql" wf-monitor risks
	row "wf-report monthly --month 2026-06" "$STORES/monthly.sql" wf-report monthly --month 2026-06 -o json
	row "wf-report range (a year)" "$STORES/range.sql" wf-report range --from 2025-07-01 --to 2026-06-30 -o json
	row "wf-report indicators (a year)" "$h/indicators.sql" wf-report indicators --from 2025-07-01 --to 2026-06-30 -o json
	row "wf-report funnel" "$h/funnel.sql" wf-report funnel -o json
	row "wf-report caseload" "$h/caseload.sql" wf-report caseload -o json
	row "wf-report quality" "$h/quality.sql" wf-report quality -o json
	row "wf-report case" - wf-report case "$one"
	row "wf-refer list" "$h/refer-list.sql" wf-refer list
	row "wf-assess list" "$h/assess-list.sql" wf-assess list
	row "wf-place list" "$h/place-list.sql" wf-place list
	row "wf-monitor list" "$h/monitor-list.sql" wf-monitor list
	row "wf org list" - wf org list
}

: > "$STORES/times"
for n in $SIZES; do
	build "$n"
	[ -z "$pgdir" ] || on_pg "$n"
done
for n in $SIZES; do
	measure "$n"
done
set -- $SIZES
if [ $# -ge 2 ]; then
	printf '\ngrowth from %s to %s cases (time at %s / time at %s):\n' "$1" "$2" "$2" "$1"
	awk -v a="$1" -v b="$2" '
		{ l = $0; sub(/^[0-9]+ /, "", l); t = l; sub(/.* /, "", t); sub(/ [^ ]*$/, "", l)
		  if ($1 == a) small[l] = t; else if ($1 == b) { big[l] = t; order[++k] = l } }
		END { for (i = 1; i <= k; i++) { l = order[i]
			printf "%-40s %6.1fx\n", l, (small[l] > 0 ? big[l] / small[l] : 0) } }' "$STORES/times"
fi
