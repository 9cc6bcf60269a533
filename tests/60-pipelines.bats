#!/usr/bin/env bats
# Pipelines end to end, as coordinators write them. Each step's output is
# saved to a file and fed to the next, so that a crash is never hidden by
# a pipe.

load helpers

@test "pipeline: list the referred as JSON, screen them all from stdin" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list --status referred -o json > "$T/referred.json"
	run -0 wf-refer screen - --date 2026-11-20 -o tsv --fields id,status < "$T/referred.json"
	assert_equal "$output" $'id\tstatus\n2026-0001\tscreened\n2026-0002\tscreened\n2026-0003\trejected\n2026-0004\trejected\n2026-0005\tscreened\n2026-0006\tscreened\n2026-0007\trejected\n2026-0008\tscreened'
	run -1 wf-refer list --status referred
	run -0 wf-refer list --status rejected -o tsv --fields id,reasons
	assert_equal "${lines[1]}" $'2026-0003\tage 41 at 2026-10-02 is not in 0..34 nor 50..'
	assert_equal "${lines[3]}" $'2026-0007\tno certification; needs a certification among: law_381_1991, law_68_1999, uncertified_disadvantage'
}

@test "pipeline: YAML output of list feeds screen as well" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list --programme sil-bergamo -o yaml > "$T/sil.yaml"
	run -0 wf-refer screen - -o tsv --fields id,status < "$T/sil.yaml"
	assert_equal "$output" $'id\tstatus\n2026-0005\tscreened\n2026-0007\trejected\n2026-0008\tscreened'
}

@test "pipeline: ids cut from TSV feed withdraw" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list --referrer ssd-dalmine -o tsv --fields id > "$T/ids.tsv"
	tail -n +2 "$T/ids.tsv" > "$T/ids"
	run -0 wf-refer withdraw - --reason "project closed" -o tsv --fields id,status < "$T/ids"
	assert_equal "$output" $'id\tstatus\n2026-0005\twithdrawn\n2026-0007\twithdrawn\n2026-0008\twithdrawn'
}

@test "pipeline: a dry run in the middle changes nothing downstream" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list --status referred -o json > "$T/referred.json"
	wf-refer screen -n -q - < "$T/referred.json"
	run -0 wf-refer list --status referred -o tsv --fields id
	[ "${#lines[@]}" -eq 9 ]
}

@test "pipeline: the whole set-up from the examples, through wf" {
	run -0 wf init -q
	run -0 wf programme load -q "$EX"/programmes/*.yaml
	run -0 wf org add -q "$EX"/organisations.yaml
	run -0 wf refer add -q "$EX"/referrals.yaml
	wf refer list -o json > "$T/all.json"
	run -0 wf refer screen -q - < "$T/all.json"
	run -0 wf refer list --status screened -o tsv --fields id
	[ "${#lines[@]}" -eq 6 ]
}

@test "demo: the main job runs through, ending in November's report, in HTML too" {
	run -0 --separate-stderr env DEMO_DB="$T/demo.db" sh "$EX/demo.sh"
	assert_equal "$stderr" ""
	[[ "$output" == *'$ wf-report monthly --month 2026-11 -o md'* ]]
	[[ "$output" == *$'| median_days | plan_to_placement | 0 |\n'* ]]
	assert_equal "${lines[-2]}" "The demo store is $T/demo.db; the month's report is $T/monthly-2026-11.html."
	assert_equal "$(sqlite3 "$T/demo.db" "SELECT status FROM cases WHERE id = '2026-0005'")" placed
	# the line to try works as typed, elsewhere, with no build on PATH
	[[ "${lines[-1]}" == "Try: PATH=$WF_BUILD/bin:\$PATH WF_DB=$T/demo.db wf-refer list -o table" ]]
	run -0 env -i HOME="$T" PATH=/usr/bin:/bin sh -c "cd / && ${lines[-1]#Try: }"
	[[ "${lines[0]}" == "ID "*"STATUS"* ]]
	run -0 env DEMO_DB="$T/demo.db" sh "$EX/demo.sh"
	grep -q '<h1>Monthly report, 01/11/2026' "$T/monthly-2026-11.html" ||
		grep -q '<h1>Monthly report, 2026-11-01 to 2026-11-30</h1>' "$T/monthly-2026-11.html"
	assert_equal "$(tail -n 1 "$T/monthly-2026-11.html")" "</html>"
	# all of it in Italian under an Italian locale
	LANG=it_IT.UTF-8 run -0 --separate-stderr env DEMO_DB="$T/demo.db" sh "$EX/demo.sh"
	[[ "$output" == *'ID         STATO      DATA DELLO STATO  PROGRAMMA'* ]]
	assert_equal "${lines[-2]}" "L'archivio della demo è $T/demo.db; il rapporto del mese è $T/monthly-2026-11.html."
	grep -q '<h1>Rapporto mensile, dal 01/11/2026 al 30/11/2026</h1>' "$T/monthly-2026-11.html"
}
