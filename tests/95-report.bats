#!/usr/bin/env bats
# wf-report case: the final report of a path, in Markdown, YAML and JSON.

load helpers

# The SIL case of the examples through every step, closed as hired.
complete_path() {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18 --by "evaluation unit"
	wf-assess plan -q "$EX/plan.yaml"
	wf-place add -q "$EX/placement.yaml"
	wf-place start -q 2026-0005.1 --date 2026-11-20
	wf-monitor log -q 2026-0005 --with tutor --date 2026-11-21 --how phone --risk low --next-steps "All well"
	wf case close -q 2026-0005 --outcome hired --date 2026-11-22 --end-placements --recommendations "Keep the tutor for six months."
}

@test "report case: a complete path, Markdown by default, every section" {
	complete_path
	run -0 wf-report case 2026-0005
	[ "${lines[0]}" = "# Final report: case 2026-0005" ]
	[ "${lines[1]}" = "- **Person**: Paolo Gritti (GRTPLA79C08A794U)" ]
	[ "${lines[2]}" = "- **Programme**: SIL - Servizio Inserimento Lavorativo Dalmine e Bergamo (sil-bergamo)" ]
	[ "${lines[3]}" = "- **Referred by**: ssd-dalmine on 2026-10-08" ]
	[ "${lines[5]}" = "- **Status**: closed since 2026-11-22" ]
	for h in "## Timeline" "## Skills" "## Work prerequisites" "## Work-fragility profile" "## Decision" "## Individual Project" "## Intervention Plan (version 1, agreed on 2026-11-20)" "## Placements" "## Monitoring" "## Outcome"; do
		[[ "$output" == *$'\n'"$h"$'\n'* ]]
	done
	[[ "$output" == *$'| 2026-0005.1 | internship | coop-s-ambrogio | 2026-11-20 | 2027-05-19 | 350.00 | ended | completed |'* ]]
	[[ "$output" == *$'| 2026-11-21 | tutor | phone | low | All well |'* ]]
	[[ "$output" == *$'## Outcome\n\nhired on 2026-11-22\n\n**Recommendations**: Keep the tutor for six months.'* ]]
	[[ "$output" == *$'## Decision\n\neligible on 2026-11-18, by evaluation unit'* ]]
}

@test "report case: YAML and JSON carry the same content as one record" {
	complete_path
	run -0 wf-report case 2026-0005 -o json --fields kind,id,status,closure,programme
	[ "$output" = '{"kind":"case_report","id":"2026-0005","status":"closed","closure":{"date":"2026-11-22","outcome":"hired","recommendations":"Keep the tutor for six months."},"programme":{"id":"sil-bergamo","name":"SIL - Servizio Inserimento Lavorativo Dalmine e Bergamo"}}' ]
	run -0 wf-report case 2026-0005 -o json --fields placements,monitoring
	[ "$output" = '{"placements":[{"id":"2026-0005.1","type":"internship","host":"coop-s-ambrogio","start":"2026-11-20","end":"2027-05-19","hours_week":20,"stipend":"350.00","status":"ended","status_date":"2026-11-22","outcome":"completed"}],"monitoring":[{"date":"2026-11-21","with":"tutor","how":"phone","risk":"low","next_steps":"All well"}]}' ]
}

@test "report case: a rejected referral tells why, and nothing more" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer screen -q 2026-0003 --date 2026-11-20
	run -0 wf-report case 2026-0003
	[ "${lines[4]}" = "- **Status**: rejected since 2026-11-20" ]
	[ "${lines[5]}" = "- **Reason**: age 41 at 2026-10-02 is not in 0..34 nor 50.." ]
	[[ "$output" != *"## Skills"* ]]
	[[ "$output" != *"## Placements"* ]]
	[[ "$output" != *"## Outcome"* ]]
}

@test "report case: an unknown case -> exit 1; several cases in one document" {
	complete_path
	run -1 --separate-stderr wf-report case 2026-0099
	[ "$stderr" = "wf-report: case '2026-0099' not found" ]
	run -0 wf-report case 2026-0005 2026-0001
	[[ "$output" == *$'\n---\n\n# Final report: case 2026-0001'* ]]
}

@test "funnel: cases that reached each step, and where they left, as of a date" {
	complete_path
	wf-refer screen -q 2026-0001 2026-0002 2026-0003 2026-0004 --date 2026-11-06
	wf-refer withdraw -q 2026-0006 --reason moved --date 2026-11-07
	run -0 wf-report funnel -o tsv
	# The rejected never reached 'screened'; 0001, 0002 and 0005 did.
	[ "$output" = $'id\tcases\tpercent\nreferred\t8\t100\nscreened\t3\t38\nassessing\t1\t13\neligible\t1\t13\nplanned\t1\t13\nplaced\t1\t13\nrejected\t2\t25\nwithdrawn\t1\t13\nclosed\t1\t13' ]
	run -0 wf-report funnel --on 2026-10-10 -o tsv --fields id,cases
	[ "$output" = $'id\tcases\nreferred\t5\nscreened\t0\nassessing\t0\neligible\t0\nplanned\t0\nplaced\t0' ]
	run -0 wf-report funnel --programme sil-bergamo -o tsv --fields id,cases
	[ "${lines[1]}" = $'referred\t3' ]
	run -1 --separate-stderr wf-report funnel --on 2026-01-01
	[ "$stderr" = "wf-report: no cases by 2026-01-01" ]
}

@test "caseload: open cases in each operator's charge, by status" {
	complete_path
	wf-refer screen -q 2026-0001 --date 2026-11-06
	WF_OPERATOR=luca wf-monitor log -q 2026-0001 --with person --date 2026-11-10
	run -0 wf-report caseload -o tsv --fields operator,cases,referred,screened
	[ "$output" = $'operator\tcases\treferred\tscreened\nluca\t1\t0\t1\ntester\t6\t6\t0' ]
	# The day before it closed, 2026-0005 was placed.
	run -0 wf-report caseload --on 2026-11-21 -o tsv --fields operator,cases,placed
	[ "$output" = $'operator\tcases\tplaced\nluca\t1\t0\ntester\t7\t1' ]
}
