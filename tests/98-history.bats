#!/usr/bin/env bats
# What reading a caseload a case at a time could get wrong: a long
# history (more placements and contacts than any fixed array would hold),
# ties on the same day, and a past month that later changes must leave
# as it was.

load helpers

# A lombardia-test case referred on 2015-04-01 and planned by the 5th.
long_case() {
	to_plan Ada lombardia-test 2015-04-01 internship
}

@test "a long history: seventy placements and three hundred contacts" {
	lombardia
	id=$(long_case)
	# Sixty-nine internships of two months from May 2015, each ended on
	# its last day; the seventieth from 2026-11-01, still running.
	local k start end
	for k in $(seq 0 68); do
		start=$(date -d "2015-05-01 +$((2 * k)) months" +%F)
		end=$(date -d "$start +2 months -1 day" +%F)
		place "$id" --start "$start" --end "$end" -q
		wf-place start -q "$id.$((k + 1))" --date "$start"
		wf-place end -q "$id.$((k + 1))" --date "$end"
	done
	place "$id" --start 2026-11-01 --end 2027-04-30 -q
	wf-place start -q "$id.70" --date 2026-11-01
	# The person every 13 days from 2015-05-10, and on 2026-11-10.
	for k in $(seq 0 298); do
		printf '{"case":"%s","date":"%s","with":"person"}\n' "$id" "$(date -d "2015-05-10 +$((13 * k)) days" +%F)"
	done > "$T/contacts.jsonl"
	printf '{"case":"%s","date":"2026-11-10","with":"person"}\n' "$id" >> "$T/contacts.jsonl"
	wf-monitor log -q "$T/contacts.jsonl"
	assert_equal "$(sql 'SELECT count(*) FROM contact')" 300
	# The tutor of the seventieth, 30 days from its start; the person 30
	# days from the last contact.
	run -0 wf-monitor due --within 30d -o tsv --fields id,due,overdue
	assert_equal "$output" $'id\tdue\toverdue\n'"$id/tutor/$id.70"$'\t2026-12-01\tfalse\n'"$id/person"$'\t2026-12-10\tfalse'
	run -0 wf-report range --from 2015-01-01 --to 2026-11-22 -o json --fields placements,monitoring.contacts
	assert_equal "$output" '{"placements":{"started":{"internship":70},"ended":{"completed":69},"cancelled":0,"active_on_last_day":{"by_kind":{"internship":1},"by_host":{"host30":1},"total":1},"hires":0},"monitoring":{"contacts":300}}'
	# October: the tutor of the sixty-ninth (from 1 September) was due on
	# 1 October and never met; the person, due since the spring, counts in
	# its own month, not again. November: nothing fell due.
	run -0 wf-report monthly --month 2026-10 -o json --fields monitoring.due,monitoring.on_time,placements.ended
	assert_equal "$output" '{"monitoring":{"due":1,"on_time":0},"placements":{"ended":{"completed":1}}}'
	run -0 wf-report monthly --month 2026-11 -o json --fields monitoring.due,placements.started
	assert_equal "$output" '{"monitoring":{"due":0},"placements":{"started":{"internship":1}}}'
	run -0 adds_up 2025-01 2026-11
	[ -z "$output" ]
}

@test "ties on the same day: the one recorded last decides" {
	lombardia
	a=$(planned Ada); b=$(planned Bea)
	place "$a" -q
	place "$b" --host host20 -q
	wf-place start -q "$a.1" --date 2026-10-01
	wf-place start -q "$b.1" --date 2026-10-01
	# Two contacts with the person on the same day: Ada's last one agrees
	# nothing, Bea's last one agrees the 15th.
	wf-monitor log -q "$a" --with person --date 2026-11-10 --next 2026-11-15
	wf-monitor log -q "$a" --with person --date 2026-11-10
	wf-monitor log -q "$b" --with person --date 2026-11-10
	wf-monitor log -q "$b" --with person --date 2026-11-10 --next 2026-11-15
	run -0 wf-monitor due --within 30d --with person -o tsv --fields case,due,reason
	assert_equal "$output" $'case\tdue\treason\n'"$b"$'\t2026-11-15\tagreed\n'"$a"$'\t2026-12-10\tevery 30 days'
	# A placement suspended and resumed the same day never stopped.
	wf-place suspend -q "$a.1" --date 2026-11-12
	wf-place resume -q "$a.1" --date 2026-11-12
	run -0 wf-place list --active-on 2026-11-12 -o tsv --fields id
	assert_equal "$output" $'id\n'"$a.1"$'\n'"$b.1"
	# Everything on one day: the case stands where the last change left it.
	id=$(referral Cleo Pari 1990-01-01 programme=lombardia-test date=2026-11-02 | new_case)
	wf-refer screen -q "$id" --date 2026-11-02
	wf case close -q "$id" --outcome moved --date 2026-11-02
	run -0 wf-report funnel --on 2026-11-02 --programme lombardia-test -o tsv --fields id,cases
	assert_equal "${lines[2]}" $'screened\t3'
	assert_equal "${lines[7]}" $'closed\t1'
	run -0 wf-report monthly --month 2026-11 --programme lombardia-test -o json --fields closures,caseload.open
	assert_equal "$output" '{"closures":{"moved":1},"caseload":{"open":2}}'
}

@test "a past month stays as it was when later days are typed in" {
	history_95() {
		seed
		wf-refer add -q "$EX/referrals.yaml"
		wf-refer screen -q 2026-0001 2026-0002 2026-0004 --date 2026-10-05
		session 2026-0001 2026-10-07 | wf-assess add -q
		wf-assess decide -q 2026-0001 --eligible --date 2026-10-08
		printf 'case: 2026-0001\nagreed_on: 2026-10-09\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-06-30}]\nactions: [{kind: work_grant, provider: coop-betania, start: 2026-10-12, end: 2027-04-30, goal: g1}]\n' | wf-assess plan -q
		wf-place add -q --case 2026-0001 --kind work_grant --host coop-betania --start 2026-10-12 --end 2027-04-30 --hours 20 --stipend 400
		wf-place start -q 2026-0001.1 --date 2026-10-12
		wf-monitor log -q 2026-0001 --with person --date 2026-10-20 --risk high
	}
	history_95
	wf-report monthly --month 2026-10 -o json > "$T/october.json"
	wf-report range --from 2026-09-01 --to 2026-10-31 -o json > "$T/autumn.json"
	wf-report funnel --on 2026-10-31 -o json > "$T/funnel.json"
	wf-report caseload --on 2026-10-31 -o json > "$T/caseload.json"
	wf-monitor due --on 2026-10-31 --within 60d -o json > "$T/due.json"
	# November, typed in afterwards: the placement suspended and ended,
	# the case closed and reopened, contacts, a withdrawal, a new case.
	wf-place suspend -q 2026-0001.1 --date 2026-11-02
	wf-monitor log -q 2026-0001 --with tutor --date 2026-11-03 --risk low
	wf-place resume -q 2026-0001.1 --date 2026-11-05
	wf case close -q 2026-0001 --outcome dropped_out --date 2026-11-10 --end-placements
	wf case reopen -q 2026-0001 --reason "came back" --date 2026-11-12
	wf-refer withdraw -q 2026-0002 --reason moved --date 2026-11-04
	referral Nuova Persona 1995-05-05 date=2026-11-06 | wf-refer add -q
	run -0 wf-report monthly --month 2026-10 -o json
	assert_equal "$output" "$(cat "$T/october.json")"
	run -0 wf-report range --from 2026-09-01 --to 2026-10-31 -o json
	assert_equal "$output" "$(cat "$T/autumn.json")"
	run -0 wf-report funnel --on 2026-10-31 -o json
	assert_equal "$output" "$(cat "$T/funnel.json")"
	run -0 wf-report caseload --on 2026-10-31 -o json
	assert_equal "$output" "$(cat "$T/caseload.json")"
	run -0 wf-monitor due --on 2026-10-31 --within 60d -o json
	assert_equal "$output" "$(cat "$T/due.json")"
	# And November did change.
	run -0 wf-report monthly --month 2026-11 -o json --fields closures,placements.ended,monitoring.high_risk_cases
	assert_equal "$output" '{"closures":{"dropped_out":1},"placements":{"ended":{"interrupted":1}},"monitoring":{"high_risk_cases":0}}'
}
