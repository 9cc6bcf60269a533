#!/usr/bin/env bats
# wf-assess: sessions, skills, prerequisites, profile, decisions, plans
# and their versions; every refusal; round trips; pipelines.

load helpers

@test "add: the first session moves a screened case into assessment" {
	screened_sil
	run -0 wf-assess add "$EX/assessment.yaml" -o tsv --fields id,case,date,type
	assert_equal "$output" $'id\tcase\tdate\ttype\n1\t2026-0005\t2026-11-10\tinterview\n2\t2026-0005\t2026-11-17\tevaluation_unit'
	run -0 wf-refer show 2026-0005 -o json --fields status,status_date
	assert_equal "$output" '{"status":"assessing","status_date":"2026-11-10"}'
	[ "$(sql "SELECT count(*) FROM case_status WHERE case_id = '2026-0005' AND status = 'assessing'")" = 1 ]
}

@test "add: the session is printed as stored, with its lists" {
	screened_sil
	run -0 wf-assess add -o yaml "$EX/assessment.yaml"
	[[ "$output" == *$'participants:\n  - name: dott. Marco Pesenti\n    role: psychologist\n'* ]] ||
	[[ "$output" == *$'participants:\n- name: dott. Marco Pesenti\n  role: psychologist\n'* ]]
	[[ "$output" == *$'- name: warehouse picking\n  type: hard\n  level: intermediate\n'* ]]
	[[ "$output" == *$'- item: travel_autonomy\n  value: partly_met\n  note: Needs a tested route before starting.\n'* ]]
}

@test "show: current skills, prerequisites and profile are the latest of each" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	{ session 2026-0005 2026-11-19 skills_assessment; printf 'skills:\n  - {name: forklift, type: hard, level: advanced, evidence: licence renewed}\nprofile:\n  - {area: transport, level: low}\n'; } > "$T/s.yaml"
	wf-assess add -q "$T/s.yaml"
	run -0 wf-assess skills 2026-0005 -o tsv --fields name,level,date
	assert_equal "$output" $'name\tlevel\tdate\nforklift\tadvanced\t2026-11-19\nspreadsheets\tnone\t2026-11-17\nteamwork\tadvanced\t2026-11-17\nwarehouse picking\tintermediate\t2026-11-17'
	run -0 wf-assess show 2026-0005 -o json --fields profile
	assert_equal "$output" '{"profile":[{"area":"motivation","level":"low","date":"2026-11-10"},{"area":"health","level":"medium","note":"Law 68/1999, 67%; no lifting over 15 kg.","date":"2026-11-17"},{"area":"transport","level":"low","date":"2026-11-19"}]}'
	run -0 wf-assess show 2026-0005 -o json --fields prerequisites
	[[ "$output" == '{"prerequisites":[{"item":"punctuality","value":"met","date":"2026-11-17"},{"item":"travel_autonomy","value":"partly_met"'* ]]
}

@test "add: a session for a case that is not screened -> exit 65, nothing written" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	session 2026-0005 2026-11-10 > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	assert_equal "$stderr" "wf-assess: $T/s.yaml:3:1: case: case '2026-0005' is referred: assess needs a case that is screened, assessing, eligible, planned"
	assert_equal "$(sql 'SELECT count(*) FROM assessment_session')" 0
	session 2026-0099 2026-11-10 > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	assert_equal "$stderr" "wf-assess: $T/s.yaml:3:1: case: case '2026-0099' not found"
}

@test "add: an unknown skill level, type or area is refused with what is allowed" {
	screened_sil
	{ session 2026-0005 2026-11-10; printf 'skills:\n  - {name: forklift, type: hard, level: good}\n'; } > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	[[ "$stderr" == "wf-assess: $T/s.yaml:8:"*": skills[0].level: 'good' is not one of: none, basic, intermediate, advanced, expert" ]]
	{ session 2026-0005 2026-11-10; printf 'profile:\n  - {area: housin, level: high}\n'; } > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	[[ "$stderr" == *"profile[0].area: 'housin' is not one of: "*"(did you mean 'housing'?)" ]]
	assert_equal "$(sql 'SELECT count(*) FROM assessment_session')" 0
}

@test "add: prerequisite items come from the programme's checklist" {
	screened_sil
	{ session 2026-0005 2026-11-10; printf 'prerequisites:\n  - {item: punctualty, value: met}\n'; } > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	[[ "$stderr" == *"prerequisites[0].item: 'punctualty' is not on the programme's checklist: punctuality, travel_autonomy, keeping_to_rules, work_day_tolerance, relations_with_colleagues, hygiene_and_safety, use_of_work_tools (did you mean 'punctuality'?)" ]]
	# WORKFLOW names no checklist: the default one applies.
	wf-refer screen -q 2026-0001 --date 2026-11-01
	{ session 2026-0001 2026-11-10; printf 'assessor: csf-vigevano\nprerequisites:\n  - {item: use_of_work_tools, value: met}\n'; } | grep -v mestieri > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	[[ "$stderr" == *"'use_of_work_tools' is not on the programme's checklist: punctuality, travel_autonomy, keeping_to_rules, work_day_tolerance, relations_with_colleagues, hygiene_and_safety" ]]
}

@test "add: dates out of order or in the future, and an unknown assessor, are refused" {
	screened_sil
	session 2026-0005 2026-11-04 > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	assert_equal "$stderr" "wf-assess: $T/s.yaml:4:1: date: case '2026-0005': date 2026-11-04 is before its screened date 2026-11-05"
	session 2026-0005 2026-11-23 > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	assert_equal "$stderr" "wf-assess: $T/s.yaml:4:1: date: '2026-11-23' is in the future"
	session 2026-0005 2026-11-10 | sed 's/mestieri-lombardia/coop-betania/' > "$T/s.yaml"
	run -65 --separate-stderr wf-assess add "$T/s.yaml"
	assert_equal "$stderr" "wf-assess: $T/s.yaml:6:1: assessor: organisation 'coop-betania' is not registered as a assessor (add the role with 'wf org add')"
}

@test "decide: eligible, ineligible with its reason, deferred with a review date" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	run -0 wf-assess decide 2026-0005 --defer --review 2026-12-01 --date 2026-11-18 -o json --fields status,decision
	assert_equal "$output" '{"status":"assessing","decision":{"id":1,"decision":"deferred","date":"2026-11-18","review_on":"2026-12-01","decided_by":"tester"}}'
	run -0 wf-assess decide 2026-0005 --eligible --date 2026-11-20 --by "evaluation unit" -o json --fields status,decision
	assert_equal "$output" '{"status":"eligible","decision":{"id":2,"decision":"eligible","date":"2026-11-20","decided_by":"evaluation unit"}}'
	run -0 wf-assess show 2026-0005 --history -o json --fields decisions
	assert_equal "$output" '{"decisions":[{"id":1,"decision":"deferred","date":"2026-11-18","review_on":"2026-12-01","decided_by":"tester"},{"id":2,"decision":"eligible","date":"2026-11-20","decided_by":"evaluation unit"}]}'
}

@test "decide: ineligible closes the case with the reason; a decision on a closed case is refused" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	run -64 --separate-stderr wf-assess decide 2026-0005 --ineligible
	assert_equal "${stderr_lines[0]}" "wf-assess: --ineligible needs --reason"
	run -0 wf-assess decide 2026-0005 --ineligible --reason "prerequisites not met" -o json --fields status
	assert_equal "$output" '{"status":"ineligible"}'
	run -0 wf-refer show 2026-0005 -o json --fields reasons
	assert_equal "$output" '{"reasons":["prerequisites not met"]}'
	run -65 --separate-stderr wf-assess decide 2026-0005 --eligible
	assert_equal "$stderr" "wf-assess: case '2026-0005' is ineligible: decide needs a case that is assessing"
	session 2026-0005 2026-11-21 > "$T/s.yaml"
	run -65 wf-assess add "$T/s.yaml"
}

@test "decide: usage errors name what is missing" {
	screened_sil
	run -64 --separate-stderr wf-assess decide 2026-0005
	assert_equal "${stderr_lines[0]}" "wf-assess: decide needs --eligible, --ineligible or --defer"
	run -64 --separate-stderr wf-assess decide 2026-0005 --eligible --defer
	assert_equal "${stderr_lines[0]}" "wf-assess: give one of --eligible, --ineligible, --defer"
	run -64 --separate-stderr wf-assess decide 2026-0005 --defer
	assert_equal "${stderr_lines[0]}" "wf-assess: --defer needs --review DATE"
	run -65 --separate-stderr wf-assess decide 2026-0005 --eligible
	assert_equal "$stderr" "wf-assess: case '2026-0005' is screened: decide needs a case that is assessing"
}

@test "plan: an eligible case becomes planned; the plan is printed as stored" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	run -0 wf-assess plan "$EX/plan.yaml" -o json --fields id,version,agreed_on,actions
	assert_equal "$output" '{"id":"2026-0005/1","version":1,"agreed_on":"2026-11-20","actions":[{"kind":"training","provider":"mestieri-lombardia","start":"2026-12-01","end":"2027-01-31","hours":24,"goal":"g2","notes":"Forklift refresher course with the exam."},{"kind":"internship","provider":"coop-s-ambrogio","start":"2027-01-07","end":"2027-06-30","hours":520,"goal":"g1"},{"kind":"post_hire_follow_up","provider":"mestieri-lombardia","start":"2027-07-01","end":"2027-12-31","goal":"g1"}]}'
	run -0 wf-refer show 2026-0005 -o json --fields status,status_date
	assert_equal "$output" '{"status":"planned","status_date":"2026-11-20"}'
}

@test "plan: a revision is a new version; earlier ones stay readable" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	wf-assess plan -q "$EX/plan.yaml"
	sed 's/agreed_on: 2026-11-20/agreed_on: 2026-11-21/; s/hours: 520/hours: 480/' "$EX/plan.yaml" > "$T/v2.yaml"
	run -0 wf-assess plan "$T/v2.yaml" -o tsv --fields id,version,agreed_on
	assert_equal "${lines[1]}" $'2026-0005/2\t2\t2026-11-21'
	run -0 wf-assess show 2026-0005 -o json --fields plan.version,plan.actions
	[[ "$output" == '{"plan":{"version":2,"actions":'*'"hours":480'* ]]
	# The current plan, picked from show, edited and read back.
	wf-assess show 2026-0005 -o yaml --fields plan > "$T/v3.yaml"
	sed -i 's/2026-11-21/2026-11-22/' "$T/v3.yaml"
	run -0 wf-assess plan "$T/v3.yaml" -o tsv --fields id
	assert_equal "${lines[1]}" "2026-0005/3"
	run -0 wf-assess show 2026-0005 --history -o json --fields plans
	[[ "$output" == '{"plans":[{"kind":"plan","id":"2026-0005/1",'*'"hours":520'*'{"kind":"plan","id":"2026-0005/2",'*'"hours":480'* ]]
	[ "$(sql "SELECT count(*) FROM case_status WHERE case_id = '2026-0005' AND status = 'planned'")" = 1 ]
	sed 's/agreed_on: 2026-11-20/agreed_on: 2026-11-19/' "$EX/plan.yaml" > "$T/old.yaml"
	run -65 --separate-stderr wf-assess plan "$T/old.yaml"
	[[ "$stderr" == *"agreed_on: 2026-11-19 is before version 3 of the plan, agreed on 2026-11-22" ]]
}

@test "plan: refused for a case not found eligible" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	run -65 --separate-stderr wf-assess plan "$EX/plan.yaml"
	[[ "$stderr" == *"case: case '2026-0005' is assessing: plan needs a case that is eligible, planned, placed" ]]
	assert_equal "$(sql 'SELECT count(*) FROM plan')" 0
}

@test "plan: a placement kind the programme does not allow is refused" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	sed 's/kind: internship/kind: occupational_lab/' "$EX/plan.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	[[ "$stderr" == "wf-assess: $T/p.yaml:"*": actions[1].kind: programme 'sil-bergamo' does not allow 'occupational_lab' (its placements: [\"internship\",\"work_grant\",\"hire\"])" ]]
	assert_equal "$(sql 'SELECT count(*) FROM plan')" 0
}

@test "plan: dates out of order, unknown goals and providers are refused" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	sed 's/end: 2027-01-31/end: 2026-11-30/' "$EX/plan.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	[[ "$stderr" == *"actions[0].end: 2026-11-30 is before the start 2026-12-01" ]]
	sed 's/target_date: 2027-02-28/target_date: 2026-11-01/' "$EX/plan.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	[[ "$stderr" == *"goals[1].target_date: 2026-11-01 is before the plan was agreed on 2026-11-20" ]]
	sed 's/goal: g2/goal: g3/' "$EX/plan.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	[[ "$stderr" == *"actions[0].goal: no goal 'g3' in the project" ]]
	sed 's/provider: coop-s-ambrogio/provider: caritas/' "$EX/plan.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	[[ "$stderr" == *"actions[1].provider: unknown organisation 'caritas' (register it with 'wf org add --id caritas --name NAME --role provider')" ]]
	sed 's/provider: coop-s-ambrogio/provider: ssd-dalmine/' "$EX/plan.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	[[ "$stderr" == *"actions[1].provider: organisation 'ssd-dalmine' is neither a provider nor a host (add the role with 'wf org add')" ]]
	assert_equal "$(sql 'SELECT count(*) FROM plan')" 0
}

@test "round trip: show -o yaml read back by add and plan gives the same assessment" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	wf-assess plan -q "$EX/plan.yaml"
	wf-assess show 2026-0005 -o yaml > "$T/a.yaml"
	wf-assess show 2026-0005 -o json > "$T/want.json"
	export WF_DB="$T/other.db"
	screened_sil
	wf-assess add -q "$T/a.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	wf-assess plan -q "$T/a.yaml"
	run -0 wf-assess show 2026-0005 -o json
	assert_equal "$output" "$(cat "$T/want.json")"
}

@test "list: filters by decision, status, programme, assessor and session dates" {
	screened_sil
	wf-refer screen -q 2026-0001 2026-0002 --date 2026-11-01
	wf-assess add -q "$EX/assessment.yaml"
	{ session 2026-0001 2026-11-12 | sed 's/mestieri-lombardia/csf-vigevano/'; session 2026-0002 2026-11-14 | sed 's/mestieri-lombardia/fondazione-le-vele/'; } > "$T/s.yaml"
	wf-assess add -q "$T/s.yaml"
	wf-assess decide -q 2026-0005 2026-0001 --eligible --date 2026-11-20
	run -0 wf-assess list -o tsv --fields id,status,last_session,sessions_held
	assert_equal "$output" $'id\tstatus\tlast_session\tsessions_held\n2026-0001\teligible\t2026-11-12\t1\n2026-0002\tassessing\t2026-11-14\t1\n2026-0005\teligible\t2026-11-17\t2'
	run -0 wf-assess list --decision eligible -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001\n2026-0005'
	run -0 wf-assess list --status assessing -o tsv --fields id
	assert_equal "$output" $'id\n2026-0002'
	run -0 wf-assess list --programme sil-bergamo -o tsv --fields id
	assert_equal "$output" $'id\n2026-0005'
	run -0 wf-assess list --assessor fondazione-le-vele -o tsv --fields id
	assert_equal "$output" $'id\n2026-0002'
	run -0 wf-assess list --since 2026-11-13 --until 2026-11-15 -o tsv --fields id
	assert_equal "$output" $'id\n2026-0002'
	run -1 wf-assess list --decision ineligible
	run -64 --separate-stderr wf-assess list --decision maybe
	assert_equal "${stderr_lines[0]}" "wf-assess: --decision: 'maybe' is not one of: eligible, ineligible, deferred"
}

@test "pipeline: screened cases from wf-refer, decided from wf-assess list" {
	screened_sil
	wf-refer screen -q 2026-0001 2026-0002 --date 2026-11-01
	{ session 2026-0001 2026-11-12; session 2026-0002 2026-11-12; } | sed 's/mestieri-lombardia/csf-vigevano/' > "$T/s.yaml"
	wf-assess add -q "$T/s.yaml"
	wf-assess list --programme workflow-lomellina -o json > "$T/assessing.json"
	run -0 wf-assess decide - --eligible --date 2026-11-20 -o tsv --fields id,status < "$T/assessing.json"
	assert_equal "$output" $'id\tstatus\n2026-0001\teligible\n2026-0002\teligible'
	wf-assess list --decision eligible -o json > "$T/eligible.json"
	run -65 --separate-stderr wf-refer withdraw - --reason "moved away" < "$T/eligible.json"
	assert_equal "$stderr" "wf-refer: case '2026-0001' is eligible: withdraw needs a case that is referred, screened"
}

@test "skills: a table on a terminal, records in a pipe; a case without skills -> exit 1" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	command -v script >/dev/null || skip "script(1) is not installed"
	run -0 script -qec "wf-assess skills 2026-0005" /dev/null
	[[ "${lines[0]}" == "NAME"*"TYPE"*"LEVEL"*"DATE"*"EVIDENCE"* ]]
	run -0 wf-assess skills 2026-0005 --fields name
	assert_equal "${lines[0]}" '{"name":"forklift"}'
	wf-refer screen -q 2026-0001 --date 2026-11-01
	run -1 --separate-stderr wf-assess skills 2026-0001
	assert_equal "$stderr" "wf-assess: case '2026-0001' has no skills assessed"
}

@test "pipeline: cases listed by wf-refer are decided by wf-assess" {
	screened_sil
	wf-refer screen -q 2026-0001 2026-0002 --date 2026-11-01
	{ session 2026-0001 2026-11-12; session 2026-0002 2026-11-12; } | sed 's/mestieri-lombardia/csf-vigevano/' > "$T/s.yaml"
	wf-assess add -q "$T/s.yaml"
	wf-refer list --status assessing -o json > "$T/assessing.json"
	run -0 wf-assess decide - --defer --review 2027-01-15 -o tsv --fields id,status,decision.review_on < "$T/assessing.json"
	assert_equal "$output" $'id\tstatus\tdecision.review_on\n2026-0001\tassessing\t2027-01-15\n2026-0002\tassessing\t2027-01-15'
	run -0 wf assess list --decision deferred -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001\n2026-0002'
}

@test "plan: goal ids and the organisations named take the form of a code" {
	screened_sil
	session 2026-0005 2026-11-06 | wf-assess add -q
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-07
	printf 'case: 2026-0005\nagreed_on: 2026-11-08\ngoals: [{id: "goal one", description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: internship, provider: coop-s-ambrogio, start: 2026-12-01, end: 2027-03-01, goal: goal one}]\n' > "$T/p.yaml"
	run -65 --separate-stderr wf-assess plan "$T/p.yaml"
	assert_equal "$stderr" "wf-assess: $T/p.yaml:3:10: goals[0].id: 'goal one' is not a code: 1 to 64 letters, digits, '-', '_' or '.', from a letter or digit"
	sed 's/"goal one"/g1/; s/goal: goal one/goal: g1/; s/coop-s-ambrogio/Coop S. Ambrogio/' "$T/p.yaml" > "$T/q.yaml"
	run -65 --separate-stderr wf-assess plan "$T/q.yaml"
	[[ "$stderr" == "wf-assess: $T/q.yaml:4:"*": actions[0].provider: 'Coop S. Ambrogio' is not a code: "* ]]
	assert_equal "$(sql 'SELECT count(*) FROM plan')" 0
}
