#!/usr/bin/env bats
# The soft exit: a case with no service for longer than its programme's
# soft_exit_days is stale, and is closed as of its last service with
# outcome no_contact.

load helpers

# The Lomellina programme with a soft exit after 90 days.
soft_programme() {
	seed
	{ cat "$EX/programmes/workflow-lomellina.yaml"; echo "soft_exit_days: 90"; } > "$T/p.yaml"
	wf programme load -q "$T/p.yaml"
}

@test "stale: open cases with no service past soft_exit_days, by the day of their last service" {
	soft_programme
	referral Ada Neri 1995-01-01 date=2026-06-01 | wf-refer add -q
	referral Bea Neri 1996-01-01 date=2026-06-01 | wf-refer add -q
	referral Cy Neri 1997-01-01 date=2026-06-01 programme=sil-bergamo referrer=ssd-dalmine cert=uncertified_disadvantage | wf-refer add -q
	wf-refer screen -q 2026-0001 2026-0002 2026-0003 --date 2026-06-10
	wf-monitor log -q 2026-0002 --with person --date 2026-08-20
	# Ada's last service is her screening (2026-06-10), 165 days before;
	# Bea was met 94 days before; Cy's programme sets no soft exit
	run -0 wf case stale -o tsv --fields id,programme,last_service,days,soft_exit_days
	assert_equal "$output" $'id\tprogramme\tlast_service\tdays\tsoft_exit_days\n2026-0001\tworkflow-lomellina\t2026-06-10\t165\t90\n2026-0002\tworkflow-lomellina\t2026-08-20\t94\t90'
	run -0 wf case stale --on 2026-11-17 -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001'
	run -1 --separate-stderr wf case stale --on 2026-09-01
	assert_equal "$stderr" "wf: no stale cases on 2026-09-01"
	run -1 wf case stale --programme sil-bergamo -q
}

@test "close --soft-exit: as of the last service, outcome no_contact; refused for a case that is not stale" {
	soft_programme
	referral Ada Neri 1995-01-01 date=2026-06-01 | wf-refer add -q
	referral Bea Neri 1996-01-01 date=2026-06-01 | wf-refer add -q
	wf-refer screen -q 2026-0001 2026-0002 --date 2026-06-10
	wf-monitor log -q 2026-0002 --with person --date 2026-10-20
	run -0 wf case close 2026-0001 --soft-exit -o json --fields id,status,status_date
	assert_equal "$output" '{"id":"2026-0001","status":"closed","status_date":"2026-06-10"}'
	assert_equal "$(sql "SELECT date || ' ' || outcome FROM case_closure WHERE case_id = '2026-0001'")" "2026-06-10 no_contact"
	run -65 --separate-stderr wf case close 2026-0002 --soft-exit
	assert_equal "$stderr" "wf: case '2026-0002' is not stale: a soft exit needs the days its programme 'workflow-lomellina' sets (soft_exit_days) without a service ('wf case stale' lists those that are)"
	run -64 --separate-stderr wf case close 2026-0002 --soft-exit --outcome moved
	assert_equal "${stderr_lines[0]}" "wf: --soft-exit sets the outcome and the date: give neither"
	# the exits count where they happened, by their outcome
	run -0 wf-report monthly --month 2026-06 -o json --fields closures
	assert_equal "$output" '{"closures":{"no_contact":1}}'
	WF_LANG=it run -0 wf-report case 2026-0001
	[[ "$output" == *$'## Esito del percorso\n\nnessun contatto (uscita per inattività) il 10/06/2026'* ]]
}
