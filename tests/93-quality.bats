#!/usr/bin/env bats
# wf-report quality: the fields a report needs, missing or declined, in
# open and closed cases; the cases late by a rule; by programme and by
# the operator in charge.

load helpers

# The cases (today is 2026-11-22):
#  0001 Ada   referred 2026-11-10, everything given (education and
#             citizenship declined): 12 days, not late yet
#  0002 Bea   referred 2026-11-01, nothing given: 21 days unscreened
#  0003 Cy    screened and closed on 2026-10-05: no follow-up on leaving
#             by 2026-11-02
#  0004 Dan   an internship from 2026-09-10 planned to end 2026-11-15,
#             still active, no contact since it started
#  0005, 0006 Eve Neri twice, born the same day, no tax code: flagged
#  0007 Fede  a tax code whose letters are Marco Rossi's
quality_history() {
	lombardia
	referral Ada Alba 1990-01-01 programme=lombardia-test date=2026-11-10 \
	    tax=LBADAA90A41L872A gender=female education=declined disability=no \
	    citizenship=declined foreign_background=no minority=no homeless=no \
	    rural=no since=2026-01-01 | wf-refer add -q
	referral Bea Bassi 1991-01-01 programme=lombardia-test date=2026-11-01 | wf-refer add -q
	referral Cy Conti 1992-01-01 programme=lombardia-test date=2026-10-01 | wf-refer add -q
	wf-refer screen -q 2026-0003 --date 2026-10-02
	wf case close -q 2026-0003 --date 2026-10-05 --outcome other
	to_plan Dan lombardia-test 2026-09-01 internship >/dev/null
	place 2026-0004 -q --start 2026-09-10 --end 2026-11-15
	wf-place start -q 2026-0004.1 --date 2026-09-10
	referral Eve Neri 1993-03-03 programme=lombardia-test date=2026-11-20 | wf-refer add -q 2>/dev/null
	referral Eve Neri 1993-03-03 programme=lombardia-test date=2026-11-21 | wf-refer add -q 2>/dev/null
	referral Fede Bianchi 1998-04-12 programme=lombardia-test date=2026-11-21 tax=RSSMRC98D12L872O | wf-refer add -q
}

quality() {
	wf-report quality -o tsv --fields check,state,open,closed "$@"
}

@test "quality: every line, zero or not, with what is missing or declined in open and closed cases" {
	quality_history
	run -0 quality
	[ "${#lines[@]}" -eq 26 ]
	assert_equal "${lines[0]}" $'check\tstate\topen\tclosed'
	# tax codes: Ada's and Fede's given; Fede's does not match his names
	assert_equal "${lines[1]}" $'tax_code\tmissing\t4\t1'
	assert_equal "${lines[2]}" $'tax_code\tnames_differ\t1\t0'
	assert_equal "${lines[3]}" $'citizenship\tmissing\t5\t1'
	assert_equal "${lines[4]}" $'citizenship\tdeclined\t1\t0'
	assert_equal "${lines[5]}" $'citizenship\tnot_a_country\t0\t0'
	assert_equal "${lines[8]}" $'education\tmissing\t5\t1'
	assert_equal "${lines[9]}" $'education\tdeclined\t1\t0'
	assert_equal "${lines[12]}" $'foreign_background\tmissing\t5\t1'
	# the months without work: only Ada gave them
	assert_equal "${lines[20]}" $'employment_since\tmissing\t5\t1'
}

@test "quality: the cases late by a rule, listed in JSON, counted in the table" {
	quality_history
	run -0 quality
	assert_equal "${lines[21]}" $'referral_not_screened\t\t1\t0'
	assert_equal "${lines[22]}" $'placement_past_end\t\t1\t0'
	assert_equal "${lines[23]}" $'contact_overdue\t\t1\t0'
	assert_equal "${lines[24]}" $'follow_up_missing\t\t0\t1'
	assert_equal "${lines[25]}" $'duplicate_unreviewed\t\t2\t0'
	run -0 wf-report quality -o json --fields id,case_ids
	assert_equal "${lines[1]}" '{"id":"tax_code.names_differ","case_ids":["2026-0007"]}'
	assert_equal "${lines[20]}" '{"id":"referral_not_screened","case_ids":["2026-0002"]}'
	assert_equal "${lines[21]}" '{"id":"placement_past_end","case_ids":["2026-0004"]}'
	assert_equal "${lines[22]}" '{"id":"contact_overdue","case_ids":["2026-0004"]}'
	assert_equal "${lines[23]}" '{"id":"follow_up_missing","case_ids":["2026-0003"]}'
	assert_equal "${lines[24]}" '{"id":"duplicate_unreviewed","case_ids":["2026-0005","2026-0006"]}'
	run -0 wf-report quality -o table
	[[ "$output" != *2026-000* ]]
	[[ "$output" == *$'\n''referrals not screened within 15 days  '*'1     0       1'* ]]
	WF_LANG=it run -0 wf-report quality -o table
	[[ "$output" == *$'\n''codice fiscale                             non corrisponde al nome  1       0       1'* ]]
	# 15 days is the limit: on 2026-11-16 Bea's referral was not late
	run -0 quality --on 2026-11-16
	assert_equal "${lines[21]}" $'referral_not_screened\t\t0\t0'
	# a duplicate reviewed, a follow-up recorded: no longer chased
	wf person review -q 2026-0005 2026-0006 --different
	wf-monitor follow-up -q 2026-0003 --at leaving --date 2026-10-20 --situation job_searching
	run -0 quality
	assert_equal "${lines[24]}" $'follow_up_missing\t\t0\t0'
	assert_equal "${lines[25]}" $'duplicate_unreviewed\t\t0\t0'
}

@test "quality: one programme's, one operator's cases" {
	quality_history
	wf operator add -q --id mara --name "Mara Rota"
	wf case assign -q 2026-0002 --to mara --date 2026-11-01
	run -0 quality --operator mara
	assert_equal "${lines[1]}" $'tax_code\tmissing\t1\t0'
	assert_equal "${lines[21]}" $'referral_not_screened\t\t1\t0'
	assert_equal "${lines[23]}" $'contact_overdue\t\t0\t0'
	run -0 quality --programme sil-bergamo
	assert_equal "${lines[1]}" $'tax_code\tmissing\t0\t0'
	assert_equal "${lines[23]}" $'contact_overdue\t\t0\t0'
	run -0 quality --programme lombardia-test
	assert_equal "${lines[23]}" $'contact_overdue\t\t1\t0'
	run -65 --separate-stderr wf-report quality --programme nope
	[[ "$stderr" == *"nope"* ]]
}

@test "quality: citizenship written as no country, from an older store" {
	quality_history
	sql "UPDATE person SET citizenship = NULL, citizenship_as_written = 'apolide' WHERE id = 2"
	run -0 quality
	assert_equal "${lines[3]}" $'citizenship\tmissing\t4\t1'
	assert_equal "${lines[5]}" $'citizenship\tnot_a_country\t1\t0'
}
