#!/bin/sh
# make check-valgrind: the demo's whole pipeline (every step of a path,
# the reports, the audit) and a set of refusals, each command run under
# valgrind (memcheck). Fails on any memory error or any leak (definite
# or indirect), naming the command; the logs stay in build/valgrind.
set -u
: "${WF_BUILD:?run it with 'make check-valgrind'}"
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/valgrind
rm -rf "$out"
mkdir -p "$out/bin" "$out/logs"
# Each command is a wrapper that runs the real one under valgrind, with a
# log of its own; the exit status is the command's, so that refusals
# still read as refusals.
for c in wf wf-refer wf-assess wf-place wf-monitor wf-report; do
	cat > "$out/bin/$c" <<WRAP
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --track-origins=yes \\
	--log-file="$out/logs/$c.%p.log" "$WF_BUILD/bin/$c" "\$@"
WRAP
	chmod 755 "$out/bin/$c"
done
PATH=$out/bin:$PATH
export PATH
export WF_TODAY=2026-11-22 WF_OPERATOR=valgrind
export DEMO_DB="$out/demo.db"

echo "valgrind: the demo pipeline"
sh "$top/examples/demo.sh" > "$out/demo.out" 2>&1 || {
	echo "the demo failed under valgrind (build/valgrind/demo.out)" >&2
	exit 1
}

echo "valgrind: refusals"
export WF_DB="$DEMO_DB"
t=$out/inputs
mkdir -p "$t"
printf 'kind: referral\nnotes: "ab\377c"\n' > "$t/utf8.yaml"
printf '{"kind":"referral","a":1,"a":2}\n' > "$t/dup.json"
printf 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n' > "$t/bomb.yaml"
printf '{"kind":"referral","programme":"workflow-lomellina"' > "$t/cut.json"
: > "$t/empty.yaml"
for f in utf8.yaml dup.json bomb.yaml cut.json empty.yaml; do
	wf-refer add "$t/$f" >/dev/null 2>&1
done
wf-place list --kind bogus >/dev/null 2>&1
wf-report monthly --month 2026-13 >/dev/null 2>&1
wf-refer screen 2026-9999 >/dev/null 2>&1
wf amend --kind contact --id 999 --set with=tutor --reason x >/dev/null 2>&1
wf audit verify >/dev/null 2>&1
wf store check >/dev/null 2>&1
wf person duplicates --all >/dev/null 2>&1
wf person review 1 2 --same --note "valgrind" >/dev/null 2>&1
wf person review 1 1 --different >/dev/null 2>&1
wf-report quality -o json >/dev/null 2>&1
wf-report indicators --from 2026-01-01 --to 2026-12-31 -o csv >/dev/null 2>&1
printf 'kind: referral\nprogramme: workflow-lomellina\ndate: 2026-11-01\nreferrer: caritas-vigevano\nperson: {first_name: A, last_name: B, birth_date: 1990-01-01, employment_status: unemployed, citizenship: Marocco}\n' | wf-refer add - >/dev/null 2>&1

# the unit layer, every rule it calls
valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect \
	--log-file="$out/logs/unit.%p.log" "$WF_BUILD/tests/unit" >/dev/null 2>&1

n=$(ls "$out/logs" | wc -l)
bad=$(find "$out/logs" -type f -size +0 | sort)
if [ -n "$bad" ]; then
	for f in $bad; do echo "== $f"; head -40 "$f"; done >&2
	echo "valgrind: errors or leaks in $(echo "$bad" | wc -l) of $n commands" >&2
	exit 1
fi
echo "valgrind: $n commands, no errors, no leaks"
