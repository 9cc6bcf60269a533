#!/usr/bin/env bats
# wf-report indicators: the ESF+ common indicators, on a history of
# thirteen cases over nine months, typed in late, whose every figure is
# worked out by hand below; the same history checks range and monthly.

load helpers

# entrant FIRST LAST BIRTH DATE [key=value...]: a referral (keys as in
# referral(); programme defaults to lombardia-test) screened, assessed,
# found eligible and given a plan, all on DATE: the day of entry. Prints
# the case id.
entrant() {
	local first=$1 last=$2 birth=$3 day=$4 id
	shift 4
	id=$(referral "$first" "$last" "$birth" programme=lombardia-test \
	         date="$day" "$@" | new_case)
	wf-refer screen -q "$id" --date "$day"
	session "$id" "$day" | wf-assess add -q
	wf-assess decide -q "$id" --eligible --date "$day"
	printf 'case: %s\nagreed_on: %s\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: internship, provider: coop-s-ambrogio, start: 2026-10-01, end: 2027-03-31, goal: g1}]\n' "$id" "$day" |
	    wf-assess plan -q
	echo "$id"
}

# close CASE DATE OUTCOME [SITUATION]
close() {
	wf case close -q "$1" --date "$2" --outcome "$3" ${4:+--situation "$4"}
}

# The history (today is 2026-11-22). G: gender column, E: entry (plan),
# L: leaving (closing), 6m: six months after leaving.
#
#  who    G   born        E           at entry                 L            on leaving      6m follow-up
#  Anna   W   1990-03-10  2026-02-02  unemployed since 2024-06  2026-04-15   employed        2026-10-20 employed
#  Bruno  M   2003-05-20  2026-02-10  unemployed since 2025-08-09 2026-03-20   (2026-04-10     none (reached)
#         isced 0-2, disability                                              job_searching)
#  Carla  W   2004-01-15  2026-03-02  unemployed since 2025-09-02 open                             -
#  Dario  M   1970-06-30  2026-01-15  employed; education and  2026-05-10   not recorded    2026-11-15 employed, improved
#                                     disability declined
#  Elena  NB  2008-12-01  2026-04-01  student                  2026-06-30   education       not reached
#  Fabio  NS  1971-07-01  2026-05-04  employed, gender declined 2026-06-15  employed,       not reached
#                                                                           qualification
#  Gino   NS  1996-02-29  2026-02-20  never employed, no date  2026-07-10   -               -
#  Hanna  W   1985-10-10  2025-11-03  unemployed since 2025-06  2026-01-20   none            2026-08-01 employed
#  Ivo    M   1998-04-12  2025-10-01  unemployed since 2025-01  2025-12-15   not recorded    none
#             re-enters   2026-03-16  (says inactive)          2026-05-29   employed        not reached
#  Marta  W   1980-01-01  2026-06-10  inactive, disability (sil-bergamo)                     -
#
# Citizenship and the other ESF+ facts at referral (blank: not asked):
#  who    citizenship  foreign background  minority  homeless  rural
#  Anna   IT           yes                 no        no        no
#  Bruno  MA           yes                 declined  yes       yes
#  Carla  declined
#  Dario  RO (EU)                                              yes
#  Elena  stateless    declined            yes       no
#  Fabio  IT
#  Marta  UA                                         declined
#  Nadia, Oscar: found ineligible, and closed before a plan: not participants.
history() {
	cached history_store
}
history_store() {
	seed
	wf programme load -q "$BATS_TEST_DIRNAME/fixtures/lombardia.yaml"
	local anna bruno dario elena fabio gino hanna ivo
	anna=$(entrant Anna Alba 1990-03-10 2026-02-02 gender=female education=isced_3_4 disability=no since=2024-06-01 citizenship=IT foreign_background=yes minority=no homeless=no rural=no)
	bruno=$(entrant Bruno Bassi 2003-05-20 2026-02-10 gender=male education=isced_0_2 disability=yes since=2025-08-09 citizenship=MA foreign_background=yes minority=declined homeless=yes rural=yes)
	entrant Carla Conti 2004-01-15 2026-03-02 gender=female education=isced_3_4 since=2025-09-02 citizenship=declined >/dev/null
	dario=$(entrant Dario Dini 1970-06-30 2026-01-15 gender=male education=declined disability=declined employment=employed citizenship=RO rural=yes)
	elena=$(entrant Elena Esposito 2008-12-01 2026-04-01 gender=non_binary education=isced_0_2 disability=no employment=student citizenship=stateless minority=yes homeless=no foreign_background=declined)
	fabio=$(entrant Fabio Fumagalli 1971-07-01 2026-05-04 gender=declined education=isced_5_8 disability=no employment=employed citizenship=IT)
	gino=$(entrant Gino Galli 1996-02-29 2026-02-20 employment=never_employed)
	hanna=$(entrant Hanna Huber 1985-10-10 2025-11-03 gender=female education=isced_5_8 disability=no since=2025-06-01)
	ivo=$(entrant Marco Rossi 1998-04-12 2025-10-01 tax=RSSMRC98D12L872O gender=male education=isced_3_4 disability=no since=2025-01-10)
	entrant Marta Moretti 1980-01-01 2026-06-10 programme=sil-bergamo gender=female education=isced_0_2 disability=yes employment=inactive cert=law_68_1999 citizenship=UA homeless=declined >/dev/null
	# Not participants: no plan.
	nadia=$(referral Nadia Neri 1988-08-08 programme=lombardia-test date=2026-03-01 gender=female | new_case)
	wf-refer screen -q "$nadia" --date 2026-03-02
	session "$nadia" 2026-03-05 | wf-assess add -q
	wf-assess decide -q "$nadia" --ineligible --reason "not ready" --date 2026-03-10
	oscar=$(referral Oscar Orsi 1992-09-09 programme=lombardia-test date=2026-02-01 gender=male | new_case)
	close "$oscar" 2026-02-15 other
	# Leavings and follow-ups, typed in late.
	close "$ivo" 2025-12-15 dropped_out
	ivo2=$(entrant Marco Rossi 1998-04-12 2026-03-16 tax=RSSMRC98D12L872O gender=male employment=inactive)
	close "$ivo2" 2026-05-29 hired employed
	close "$hanna" 2026-01-20 other none
	close "$bruno" 2026-03-20 dropped_out
	wf-monitor follow-up -q "$bruno" --at leaving --date 2026-04-10 --situation job_searching
	close "$anna" 2026-04-15 hired employed
	close "$dario" 2026-05-10 completed
	close "$fabio" 2026-06-15 completed employed,qualification
	close "$elena" 2026-06-30 completed education
	close "$gino" 2026-07-10 moved
	wf-monitor follow-up -q "$hanna" --at six_months --date 2026-08-01 --situation employed
	wf-monitor follow-up -q "$anna" --at six_months --date 2026-10-20 --situation employed
	wf-monitor follow-up -q "$dario" --at six_months --date 2026-11-15 --situation employed,improved
}

# fig TOTAL WOMEN MEN NON_BINARY NOT_STATED: one figure by gender, as JSON.
fig() {
	printf '{"total":%d,"women":%d,"men":%d,"non_binary":%d,"not_stated":%d}' "$@"
}

@test "indicators: every figure of the first half of 2026, worked out by hand" {
	history
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 -o json
	want='{"kind":"indicators","id":"indicators/2026-01-01..2026-06-30","from":"2026-01-01","to":"2026-06-30","programme":"all","results_as_of":"2026-11-22",'
	# Entered: Anna Carla Marta, Bruno Dario, Elena, Fabio Gino. Left:
	# Anna Hanna, Bruno Dario Ivo, Elena, Fabio.
	want+='"participants":{"total":'$(fig 10 4 3 1 2)',"entered":'$(fig 8 3 2 1 2)',"left":'$(fig 7 2 3 1 1)'},'
	# Of the entrants: unemployed Anna Carla Bruno Gino (long-term: Anna,
	# and Bruno at 22 by a day over six months; Carla at 22 has six months
	# to the day, not over, and Gino no date); inactive
	# Marta Elena; employed Dario Fabio. Ages: Elena 17; Bruno, Carla 22,
	# Gino 29; Dario 55 (Fabio 54, Anna 35, Marta 46 in none).
	want+='"at_entry":{"unemployed":'$(fig 4 2 1 0 1)',"long_term_unemployed":'$(fig 2 1 1 0 0)
	want+=',"inactive":'$(fig 2 1 0 1 0)',"employed":'$(fig 2 0 1 0 1)
	want+=',"under_18":'$(fig 1 0 0 1 0)',"aged_18_29":'$(fig 3 1 1 0 1)',"aged_55_and_over":'$(fig 1 0 1 0 0)
	want+=',"with_disabilities":'$(fig 2 1 1 0 0)
	want+=',"isced_0_2":'$(fig 3 1 1 1 0)',"isced_3_4":'$(fig 2 2 0 0 0)',"isced_5_8":'$(fig 1 0 0 0 1)
	# Third-country nationals: Bruno (MA), Elena (stateless), Marta (UA);
	# not Dario, a Romanian. Foreign background: Anna, Bruno; minority:
	# Elena; homeless: Bruno; rural: Bruno, Dario.
	want+=',"third_country_nationals":'$(fig 3 1 1 1 0)',"foreign_background":'$(fig 2 1 1 0 0)
	want+=',"minorities":'$(fig 1 0 0 1 0)',"homeless":'$(fig 1 0 1 0 0)',"rural_areas":'$(fig 2 0 2 0 0)'},'
	# On leaving: Anna, Fabio, Ivo (his second path) employed; Fabio a
	# qualification; Elena in education; Bruno searching (recorded
	# after the closing); Hanna none; Dario not recorded.
	want+='"on_leaving":{"left":'$(fig 7 2 3 1 1)',"job_searching":'$(fig 1 0 1 0 0)',"education":'$(fig 1 0 0 1 0)
	want+=',"qualification":'$(fig 1 0 0 0 1)',"employed":'$(fig 3 1 1 0 1)',"none":'$(fig 1 1 0 0 0)
	want+=',"not_recorded":'$(fig 1 0 1 0 0)'},'
	# Six months on by today: Anna, Hanna, Bruno, Dario (Elena, Fabio,
	# Ivo not yet). Employed: Anna, Hanna, Dario; Dario, employed at
	# entry, improved; Bruno not followed up.
	want+='"six_months_after":{"left":'$(fig 7 2 3 1 1)',"reached":'$(fig 4 2 2 0 0)',"employed":'$(fig 3 2 1 0 0)
	want+=',"employed_at_entry":'$(fig 1 0 1 0 0)',"improved":'$(fig 1 0 1 0 0)',"not_recorded":'$(fig 1 0 1 0 0)'},'
	# Of the entrants: Fabio declined his gender, Gino gave none; Dario
	# declined education and disability; Gino's education and Carla's
	# and Gino's disability are unknown; Gino's months without work too.
	want+='"data":{"gender_declined":'$(fig 1 0 0 0 1)',"gender_unknown":'$(fig 1 0 0 0 1)
	want+=',"education_declined":'$(fig 1 0 1 0 0)',"education_unknown":'$(fig 1 0 0 0 1)
	want+=',"disability_declined":'$(fig 1 0 1 0 0)',"disability_unknown":'$(fig 2 1 0 0 1)
	# Carla declined her citizenship, Gino was not asked; of the rest,
	# declined: Elena's background, Bruno's minority, Marta's housing;
	# not asked: the others.
	want+=',"citizenship_declined":'$(fig 1 1 0 0 0)',"citizenship_unknown":'$(fig 1 0 0 0 1)
	want+=',"foreign_background_declined":'$(fig 1 0 0 1 0)',"foreign_background_unknown":'$(fig 5 2 1 0 2)
	want+=',"minority_declined":'$(fig 1 0 1 0 0)',"minority_unknown":'$(fig 5 2 1 0 2)
	want+=',"homeless_declined":'$(fig 1 1 0 0 0)',"homeless_unknown":'$(fig 4 1 1 0 2)
	want+=',"rural_declined":'$(fig 0 0 0 0 0)',"rural_unknown":'$(fig 5 2 0 1 2)
	want+=',"unemployment_duration_unknown":'$(fig 1 0 0 0 1)'}}'
	assert_equal "$output" "$want"
}

@test "indicators: a re-entry is one participant with the first entry's data" {
	history
	# As of the end of 2025 Ivo entered and left once: his first path.
	run -0 wf-report indicators --from 2025-10-01 --to 2025-12-31 -o json --fields participants,at_entry.unemployed,at_entry.long_term_unemployed,on_leaving.not_recorded,six_months_after.reached
	want='{"participants":{"total":'$(fig 2 1 1 0 0)',"entered":'$(fig 2 1 1 0 0)',"left":'$(fig 1 0 1 0 0)'},'
	want+='"at_entry":{"unemployed":'$(fig 2 1 1 0 0)',"long_term_unemployed":'$(fig 0 0 0 0 0)'},'
	want+='"on_leaving":{"not_recorded":'$(fig 1 0 1 0 0)'},"six_months_after":{"reached":'$(fig 1 0 1 0 0)'}}'
	assert_equal "$output" "$want"
	# Across both paths he entered once, unemployed (not the inactive of
	# his second referral), and left once, employed, on 2026-05-29.
	run -0 wf-report indicators --from 2025-10-01 --to 2026-06-30 -o tsv --section participants
	assert_equal "${lines[1]}" $'participants\ttotal\t\t10\t4\t3\t1\t2\t2026-06-30'
	assert_equal "${lines[2]}" $'participants\tentered\tEECO01\t10\t4\t3\t1\t2\t2026-06-30'
	assert_equal "${lines[3]}" $'participants\tleft\t\t7\t2\t3\t1\t1\t2026-06-30'
	run -0 wf-report indicators --from 2025-10-01 --to 2026-06-30 -o tsv --section at_entry
	assert_equal "${lines[1]}" $'at_entry\tunemployed\tEECO02\t6\t3\t2\t0\t1\t2026-06-30'
	assert_equal "${lines[3]}" $'at_entry\tinactive\tEECO04\t2\t1\t0\t1\t0\t2026-06-30'
}

@test "indicators: one programme's; a span before any data; the forms" {
	history
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 --programme sil-bergamo -o json --fields participants.total,at_entry.with_disabilities
	assert_equal "$output" '{"participants":{"total":'$(fig 1 1 0 0 0)'},"at_entry":{"with_disabilities":'$(fig 1 1 0 0 0)'}}'
	run -0 wf-report indicators --from 2020-01-01 --to 2020-12-31 -o csv --section participants
	assert_equal "$output" $'section,indicator,esf_code,total,women,men,non_binary,not_stated,as_of\nparticipants,total,,0,0,0,0,0,2020-12-31\nparticipants,entered,EECO01,0,0,0,0,0,2020-12-31\nparticipants,left,,0,0,0,0,0,2020-12-31'
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 -o md --section six_months_after
	# for people: the regulation's words and its code, labels for the rest
	assert_equal "${lines[0]}" '| section | indicator | esf_code | total | women | men | non_binary | not_stated | as_of |'
	assert_equal "${lines[3]}" '| Six months after leaving | reached |  | 4 | 2 | 2 | 0 | 0 | 2026-11-22 |'
	assert_equal "${lines[4]}" '| Six months after leaving | participants in employment, including self-employment, six months after leaving | EECR05 | 3 | 2 | 1 | 0 | 0 | 2026-11-22 |'
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 -o csv --section at_entry --fields indicator,esf_code,total
	assert_equal "${lines[12]}" 'third_country_nationals,EECO13,3'
	assert_equal "${lines[16]}" 'rural_areas,EECO17,2'
	# YAML by default; no names, tax codes or contacts in any form.
	run -0 wf-report indicators --from 2025-01-01 --to 2026-11-22
	assert_equal "${lines[0]}" '---'
	assert_equal "${lines[1]}" 'kind: indicators'
	[[ "$output" != *Rossi* && "$output" != *RSSMRC* && "$output" != *Anna* ]]
}

@test "indicators: results on leaving are taken after the span, to the day the report is made" {
	history
	# Bruno left on 2026-03-20; his situation on leaving (job searching)
	# was learnt on 2026-04-10, after a span ending in March.
	run -0 wf-report indicators --from 2026-01-01 --to 2026-03-31 -o json --fields to,results_as_of,on_leaving.left,on_leaving.job_searching,on_leaving.not_recorded
	assert_equal "$output" '{"to":"2026-03-31","results_as_of":"2026-11-22","on_leaving":{"left":'$(fig 2 1 1 0 0)',"job_searching":'$(fig 1 0 1 0 0)',"not_recorded":'$(fig 0 0 0 0 0)'}}'
	# Made on 2026-04-09, the report had not learnt it yet.
	WF_TODAY=2026-04-09 run -0 wf-report indicators --from 2026-01-01 --to 2026-03-31 -o csv --section on_leaving --fields indicator,total,as_of
	assert_equal "${lines[2]}" 'job_searching,0,2026-04-09'
	assert_equal "${lines[7]}" 'not_recorded,1,2026-04-09'
	run -0 wf-report indicators --from 2026-01-01 --to 2026-03-31 -o csv --section participants --fields indicator,total,as_of
	assert_equal "${lines[3]}" 'left,2,2026-03-31'
}

@test "indicators: --min-cell hides small counts, and one more where one would be alone" {
	history
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 --min-cell 3 -o json --fields participants
	# total 10 (4, 3, 1, 2): two hidden, none alone. entered 8 (3, 2, 1,
	# 2) and left 7 (2, 3, 1, 1): three hidden each.
	assert_equal "$output" '{"participants":{"total":{"total":10,"women":4,"men":3,"non_binary":"<3","not_stated":"<3"},"entered":{"total":8,"women":3,"men":"<3","non_binary":"<3","not_stated":"<3"},"left":{"total":7,"women":"<3","men":3,"non_binary":"<3","not_stated":"<3"}}}'
	run -0 wf-report indicators --from 2026-01-01 --to 2026-06-30 --min-cell 3 -o json --fields at_entry.employed
	# 2 hidden, and its breakdown's 1 and 1: all three below 3.
	assert_equal "$output" '{"at_entry":{"employed":{"total":"<3","women":0,"men":"<3","non_binary":0,"not_stated":"<3"}}}'
}

@test "indicators: bad options" {
	wf init -q
	run -64 --separate-stderr wf-report indicators --from 2026-01-01
	assert_equal "${stderr_lines[0]}" "wf-report: indicators needs --from DATE --to DATE"
	run -64 --separate-stderr wf-report indicators --from 2026-06-30 --to 2026-01-01
	assert_equal "${stderr_lines[0]}" "wf-report: indicators: --to 2026-01-01 is before --from 2026-06-30"
	run -64 --separate-stderr wf-report indicators --from 2026-01-01 --to 2026-06-30 --section nope
	assert_equal "${stderr_lines[0]}" "wf-report: --section: unknown section 'nope' (one of: participants, at_entry, on_leaving, six_months_after, data)"
}

@test "range and monthly on the same history: the months add up to the span" {
	history
	run -0 adds_up 2025-09 2026-11
	[ -z "$output" ]
}

@test "range and monthly on the same history: every figure, worked out by hand" {
	history
	# The first half of 2026: eleven referrals (all but Hanna's and Ivo's
	# first, of 2025), ten screened and assessed (not Oscar, closed first),
	# nine found eligible and given a plan (not Nadia), eight closed.
	run -0 wf-report range --from 2026-01-01 --to 2026-06-30 -o json
	want='{"kind":"report","id":"range/2026-01-01..2026-06-30","from":"2026-01-01","to":"2026-06-30","programme":"all",'
	# Up to 34 at referral: Bruno, Carla, Elena, Gino, Oscar, Ivo; 50 and
	# over: Dario, Fabio; Law 68/1999: Marta.
	want+='"referrals":{"received":11,"by_referrer":{"caritas-vigevano":11},'
	want+='"by_target_group":{"age_up_to_34":6,"age_50_and_over":2,"law_68_1999":1,"law_381_1991":0,"uncertified_disadvantage":0},'
	want+='"by_employment":{"employed":2,"inactive":2,"never_employed":1,"student":1,"unemployed":5}},'
	want+='"screening":{"screened":10,"accepted":10,"rejected":0,"rejected_by_rule":{}},'
	want+='"assessment":{"sessions":10,"cases_assessed":10,"decisions":{"eligible":9,"ineligible":1}},'
	want+='"plans":{"agreed":9},'
	want+='"placements":{"started":{},"ended":{},"cancelled":0,"active_on_last_day":{"by_kind":{},"by_host":{},"total":0},"hires":0},'
	want+='"monitoring":{"contacts_by_party":{},"contacts":0,"high_risk_cases":0,"due":0,"on_time":0,"on_time_percent":null},'
	# Oscar and Hanna other; Bruno dropped out; Anna and Ivo hired; Dario,
	# Fabio and Elena completed. Open on 30 June: Carla, Gino, Marta.
	want+='"closures":{"completed":3,"dropped_out":1,"hired":2,"other":2},'
	want+='"caseload":{"open_by_operator":{"tester":3},"open":3,"open_without_manager":3},'
	# Every step the same day, but Nadia's decision 8 days after her
	# screening: medians of nine 0s and an 8.
	want+='"median_days":{"referral_to_screening":0,"screening_to_decision":0,"decision_to_plan":0,"plan_to_placement":null}}'
	assert_equal "$output" "$want"
	# March: Nadia (a day from referral to screening), Carla, Ivo again.
	run -0 wf-report monthly --month 2026-03 -o json
	want='{"kind":"report","id":"monthly/2026-03","from":"2026-03-01","to":"2026-03-31","programme":"all",'
	want+='"referrals":{"received":3,"by_referrer":{"caritas-vigevano":3},'
	want+='"by_target_group":{"age_up_to_34":2,"age_50_and_over":0,"law_68_1999":0,"law_381_1991":0,"uncertified_disadvantage":0},'
	want+='"by_employment":{"inactive":1,"unemployed":2}},'
	want+='"screening":{"screened":3,"accepted":3,"rejected":0,"rejected_by_rule":{}},'
	want+='"assessment":{"sessions":3,"cases_assessed":3,"decisions":{"eligible":2,"ineligible":1}},'
	want+='"plans":{"agreed":2},'
	want+='"placements":{"started":{},"ended":{},"cancelled":0,"active_on_last_day":{"by_kind":{},"by_host":{},"total":0},"hires":0},'
	want+='"monitoring":{"contacts_by_party":{},"contacts":0,"high_risk_cases":0,"due":0,"on_time":0,"on_time_percent":null},'
	# Bruno left; open on 31 March: Anna, Carla, Dario, Gino, Ivo.
	want+='"closures":{"dropped_out":1},'
	want+='"caseload":{"open_by_operator":{"tester":5},"open":5,"open_without_manager":5},'
	want+='"median_days":{"referral_to_screening":0,"screening_to_decision":0,"decision_to_plan":0,"plan_to_placement":null}}'
	assert_equal "$output" "$want"
}

# Every figure the reports give on the history, as records.
all_figures() {
	local m
	for m in 2025-10 2025-11 2025-12 2026-01 2026-02 2026-03 2026-04 2026-05 2026-06 2026-07 2026-08 2026-09 2026-10 2026-11; do
		wf-report monthly --month "$m" -o json
	done
	wf-report range --from 2025-10-01 --to 2026-11-22 -o json
	wf-report indicators --from 2025-10-01 --to 2026-06-30 -o json
	wf-report indicators --from 2026-01-01 --to 2026-11-22 -o json
	wf-report indicators --from 2026-01-01 --to 2026-11-22 --programme lombardia-test -o json
	wf-report funnel -o json
	wf-report caseload -o json
}

@test "erase: everyone whose cases are over is erased, and every figure reads the same" {
	history
	all_figures > "$T/before"
	sql "SELECT id FROM person p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.status NOT IN ('closed', 'rejected', 'withdrawn', 'ineligible'))" > "$T/over"
	[ "$(wc -l < "$T/over")" -eq 10 ]
	run -0 wf person erase - --reason "end of retention" -o tsv --fields id < "$T/over"
	all_figures > "$T/after"
	cmp "$T/before" "$T/after"
	# names, tax codes and free text are gone; Carla and Marta, open, stay
	[ "$(sql "SELECT group_concat(first_name, ' ') FROM (SELECT first_name FROM person WHERE first_name <> '[erased]' ORDER BY id) AS p")" = "Carla Marta" ]
	[ "$(sql "SELECT count(*) FROM person WHERE tax_code IS NOT NULL")" = 0 ]
	[ "$(sql "SELECT count(*) FROM assessment_session WHERE notes IS NOT NULL AND case_id IN (SELECT c.id FROM cases c JOIN person p ON p.id = c.person_id WHERE p.erased_at IS NOT NULL)")" = 0 ]
	[ "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%Rossi%' OR detail LIKE '%not ready%'")" = 0 ]
	# the birth year stays; Gino, born on 29 February, too
	[ "$(sql "SELECT substr(birth_date, 1, 4) FROM person WHERE id = 7")" = 1996 ]
	run -0 wf audit verify -q
}

@test "erase: refused while a case is open, and once done; the trail names what it redacted" {
	history
	run -65 --separate-stderr wf person erase 2026-0003 --reason request
	assert_equal "$stderr" "wf: person 3 has open cases: 2026-0003 (planned) (close them first)"
	assert_equal "$(sql "SELECT first_name FROM person WHERE id = 3")" Carla
	run -64 wf person erase 1
	run -0 wf person erase RSSMRC98D12L872O --reason "asked on 2026-11-20" -o json --fields kind,id,cases
	assert_equal "$output" '{"kind":"erasure","id":9,"cases":["2025-0002","2026-0011"]}'
	run -65 --separate-stderr wf person erase 9 --reason again
	[[ "$stderr" == "wf: person 9 was erased on "* ]]
	run -0 wf person show 9 -o tsv --fields first_name,last_name,tax_code
	assert_equal "${lines[1]}" $'[erased]\t[erased]\t'
	erase=$(sql "SELECT id FROM audit WHERE action = 'erase'")
	[ "$(sql "SELECT count(*) FROM audit WHERE person_id = 9 AND id < $erase AND (redacted_by IS DISTINCT FROM $erase)")" = 0 ]
	[ "$(sql "SELECT json_extract(detail, '\$.reason') FROM audit WHERE id = $erase")" = "asked on 2026-11-20" ]
	run -0 wf audit verify -q
	# a detail rewritten and passed off as redacted by that erasure, about
	# someone else, is caught
	other=$(sql "SELECT min(id) FROM audit WHERE person_id = 1")
	tamper "UPDATE audit SET redacted_by = $erase, detail = '{}' WHERE id = $other"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry $other was changed: its detail no longer matches its seal"
}
