#!/bin/sh
# Import N realistic referrals (default 200000) with 'wf-refer add', from
# JSON Lines and from a YAML stream, and print records per second and peak
# memory beside the limit of the store (baseline: the same rows, one
# prepared statement, one transaction). Streaming must keep memory flat:
# the 200000 import may use at most a few MiB more than one of N/10.
set -eu
N=${N:-200000}
small=$((N / 10))
dir=$BENCH/run
mkdir -p "$dir"
PATH=$WF_BIN:$PATH
export WF_TODAY=2026-11-22 WF_OPERATOR=bench
ex=$(dirname "$0")/../../examples

echo "generating $N referrals..."
"$BENCH/gen" "$N" json > "$dir/r.jsonl"
"$BENCH/gen" "$N" yaml > "$dir/r.yaml"
"$BENCH/gen" "$small" json > "$dir/small.jsonl"

fresh() {
	export WF_DB="$dir/$1.db"
	rm -f "$WF_DB" "$WF_DB-wal" "$WF_DB-shm"
	wf programme load -q "$ex"/programmes/*.yaml
	wf org add -q "$ex"/organisations.yaml
}

# measure NAME RECORDS INPUT ARGS...: one import on a fresh store.
measure() {
	name=$1 n=$2 in=$3
	shift 3
	fresh "$name"
	set -- $("$BENCH/peak" "$in" /dev/null wf-refer add "$@" 2> "$dir/$name.err")
	[ "$3" = 0 ] || { echo "$name: wf-refer add exited $3" >&2; exit 1; }
	rate=$(awk -v n="$n" -v s="$1" 'BEGIN { printf "%.0f", n / s }')
	printf '%-34s %8s records/s %8.1f MiB peak %7.2f s\n' "$name" "$rate" \
	    "$(awk -v k="$2" 'BEGIN { print k / 1024 }')" "$1"
	eval "peak_$name=$2"
}

echo
measure jsonl_quiet "$N" "$dir/r.jsonl" -q -
measure jsonl_records_out "$N" "$dir/r.jsonl" -o json -
measure yaml_quiet "$N" "$dir/r.yaml" -q -
measure jsonl_quiet_small "$small" "$dir/small.jsonl" -q -
base=$("$BENCH/baseline" "$N" "$dir/baseline.db")
printf '%-34s %8s rows/s    (one prepared INSERT, one transaction)\n' \
    "baseline" "$base"
cases=$(WF_DB="$dir/jsonl_quiet.db" wf-refer list -o tsv --fields id | tail -n +2 | wc -l)
printf '\ncases opened from %s referrals: %s (the rest: same tax code, attached;\n' "$N" "$cases"
printf 'warnings of the run with output: %s)\n' "$(wc -l < "$dir/jsonl_records_out.err")"

# Flat memory: N records may cost at most 8 MiB more than N/10.
grow=$(( (peak_jsonl_quiet - peak_jsonl_quiet_small) / 1024 ))
printf 'memory growth from %s to %s records: %s MiB\n' "$small" "$N" "$grow"
[ "$grow" -le 8 ] || { echo "memory is not flat" >&2; exit 1; }
