#!/usr/bin/env bats
# wf person duplicates and review: the pairs flagged as possible
# duplicates, decided one way or the other; never merged, the same person
# linked for the indicators.

load helpers

# Two referrals of Eve Neri, born the same day, no tax code: two persons,
# flagged (cases 2026-0001 and 2026-0002), and a third person apart.
two_eves() {
	seed
	referral Eve Neri 1993-03-03 | wf-refer add -q
	referral Eve Neri 1993-03-03 date=2026-10-05 referrer=ssd-dalmine | wf-refer add -q 2>/dev/null
	referral Ugo Neri 1980-05-05 | wf-refer add -q
}

@test "duplicates: the pairs flagged, with names, birth dates and cases" {
	two_eves
	run -0 wf person duplicates -o json
	assert_equal "$output" '{"kind":"possible_duplicate","person":1,"name":"Eve Neri","birth_date":"1993-03-03","cases":["2026-0001"],"other":2,"other_name":"Eve Neri","other_birth_date":"1993-03-03","other_cases":["2026-0002"],"decision":null}'
	run -0 wf person duplicates -o tsv
	assert_equal "${lines[0]}" $'person\tname\tcases\tother\tother_name\tother_cases\tdecision'
	[ "${#lines[@]}" -eq 2 ]
}

@test "review --same: linked, not merged; the indicators count one participant" {
	two_eves
	run -0 wf person review 1 2026-0002 --same --note "same mother's name" -o json --fields person,other,decision,decided_on,note
	assert_equal "$output" '{"person":1,"other":2,"decision":"same","decided_on":"2026-11-22","note":"same mother'"'"'s name"}'
	# nothing left to review; both persons and their cases are kept
	run -1 --separate-stderr wf person duplicates
	assert_equal "$stderr" "wf: no possible duplicates left to review"
	assert_equal "$(sql 'SELECT count(*) FROM person')" 3
	assert_equal "$(sql 'SELECT group_concat(coalesce(same_as, 0)) FROM (SELECT same_as FROM person ORDER BY id) AS p')" "1,1,0"
	run -0 wf person duplicates --all -o tsv --fields person,other,decision
	assert_equal "${lines[1]}" $'1\t2\tsame'
	# the case no longer shows the other as a possible duplicate
	run -0 wf-refer show 2026-0001 -o json --fields possible_duplicate_of,same_person_as
	assert_equal "$output" '{"same_person_as":["2026-0002"]}'
	run -0 wf person show 2 -o json --fields id,same_as
	assert_equal "$output" '{"id":2,"same_as":1}'
	# audited, the note withheld
	run -0 wf audit log --action review -o tsv --fields action,entity,entity_id,person
	assert_equal "${lines[1]}" $'review\tperson\t1\t1'
}

@test "review --same: two paths of one person in a programme are one participant" {
	lombardia
	local a b
	a=$(to_plan Eve lombardia-test 2026-02-01 internship gender=female)
	b=$(to_plan Eve lombardia-test 2026-03-01 internship gender=female referrer=ssd-dalmine 2>/dev/null)
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 -o json --fields participants.entered
	assert_equal "$output" '{"participants":{"entered":{"total":2,"women":2,"men":0,"non_binary":0,"not_stated":0}}}'
	wf person review -q "$a" "$b" --same
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 -o json --fields participants.entered
	assert_equal "$output" '{"participants":{"entered":{"total":1,"women":1,"men":0,"non_binary":0,"not_stated":0}}}'
	# and undone: two again
	wf person review -q "$a" "$b" --different
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 -o json --fields participants.entered.total
	assert_equal "$output" '{"participants":{"entered":{"total":2}}}'
}

@test "review: links are transitive, and a pair the matcher missed can be decided" {
	two_eves
	wf person review -q 2 3 --same
	wf person review -q 1 2 --same
	assert_equal "$(sql 'SELECT group_concat(same_as) FROM (SELECT same_as FROM person ORDER BY id) AS p')" "1,1,1"
	wf person review -q 1 2 --different
	assert_equal "$(sql 'SELECT group_concat(coalesce(same_as, 0)) FROM (SELECT same_as FROM person ORDER BY id) AS p')" "0,2,2"
}

@test "review --different: no longer listed; erasing a person keeps a same-person link" {
	two_eves
	wf person review -q 1 2 --different
	run -1 --separate-stderr wf person duplicates
	run -0 wf person duplicates --all -o tsv --fields person,other,decision
	assert_equal "${lines[1]}" $'1\t2\tdifferent'
	wf person review -q 1 2 --same
	wf case close -q 2026-0002 --outcome withdrawn --date 2026-11-01
	wf person erase -q 2 --reason "asked to"
	[ "$(sql "SELECT decision || ' ' || coalesce(note, '-') FROM person_duplicate WHERE person_id = 1")" = "same -" ]
	assert_equal "$(sql 'SELECT same_as FROM person WHERE id = 2')" 1
}

@test "review: refusals" {
	two_eves
	run -64 --separate-stderr wf person review 1 2
	assert_equal "${stderr_lines[0]}" "wf: give --same or --different"
	run -64 --separate-stderr wf person review 1 2 --same --different
	assert_equal "${stderr_lines[0]}" "wf: give --same or --different"
	run -64 --separate-stderr wf person review 1 --same
	assert_equal "${stderr_lines[0]}" "wf: review needs two PERSONs"
	run -65 --separate-stderr wf person review 1 2026-0001 --same
	assert_equal "$stderr" "wf: other: '1' and '2026-0001' are the same person (1): a review needs two"
	run -1 --separate-stderr wf person review 1 99 --same
	[[ "$stderr" == *"no person '99'"* ]]
	assert_equal "$(sql 'SELECT count(*) FROM person_duplicate WHERE decision IS NOT NULL')" 0
}
