#!/usr/bin/env bats
# wf: the front command. init, programmes, organisations, and running the
# step commands as 'wf refer ...'.

load helpers

@test "wf refer ... runs wf-refer ..." {
	seed
	referral Marco Rossi 1998-04-12 | wf refer add -q
	run -0 wf refer list -o tsv --fields id,person.last_name
	assert_equal "$output" $'id\tperson.last_name\n2026-0001\tRossi'
	run -0 wf refer --help
	assert_equal "${lines[0]}" "usage: wf-refer <command> [options] [args]"
}

@test "wf init: creates the store once, says where it is" {
	run -0 wf init -o yaml
	assert_equal "$output" $'---\nkind: store\nid: '"$WF_DB"$'\nschema_version: '"$SCHEMA"
	run -0 wf init -q
	[ -z "$output" ]
	run -64 --separate-stderr wf init extra
	assert_equal "${stderr_lines[0]}" "wf: init takes no operands: 'extra'"
}

@test "wf programme load: both example programmes, listed and shown" {
	run -0 wf programme load "$EX"/programmes/*.yaml -o tsv
	assert_equal "$output" $'id\tname\tplacements\nsil-bergamo\tSIL - Servizio Inserimento Lavorativo Dalmine e Bergamo\tinternship; work_grant; hire\nworkflow-lomellina\tWORKFLOW - Ambito distrettuale della Lomellina\twork_grant; occupational_lab; motivational_lab'
	run -0 wf programme list -o tsv --fields id
	assert_equal "$output" $'id\nsil-bergamo\nworkflow-lomellina'
	run -0 wf programme show workflow-lomellina -o json --fields target
	assert_equal "$output" '{"target":{"any":[{"age":{"max":34}},{"age":{"min":50}}],"employment":["unemployed","never_employed"]}}'
}

@test "wf programme load: loading again replaces, and the audit keeps the old one" {
	wf programme load -q "$EX"/programmes/workflow-lomellina.yaml
	sed 's/max: 34/max: 35/' "$EX"/programmes/workflow-lomellina.yaml > "$T/p.yaml"
	wf programme load -q "$T/p.yaml"
	run -0 wf programme show workflow-lomellina -o json --fields target.any
	assert_equal "$output" '{"target":{"any":[{"age":{"max":35}},{"age":{"min":50}}]}}'
	[ "$(sql "SELECT json_extract(detail, '\$.old.target.any[0].age.max') FROM audit WHERE action = 'replace'")" = 34 ]
}

@test "wf programme load: an unknown rule is refused with the nearest one" {
	printf 'programme: p\nname: P\ntarget:\n  employmnet: [unemployed]\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	assert_equal "$stderr" "wf: $T/p.yaml:4:3: target.employmnet: unknown field (did you mean 'employment'?)"
	printf 'programme: p\nname: P\ntarget:\n  any:\n    - age: {mix: 3}\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	assert_equal "$stderr" "wf: $T/p.yaml:5:13: target.any[0].age.mix: unknown field (did you mean 'min'?)"
}

@test "wf programme load: bad values are refused (placement kind, certification, age)" {
	printf 'programme: p\nname: P\nplacements: [work_grant, apprenticeship]\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	[[ "$stderr" == "wf: $T/p.yaml:3:"*": placements[1]: 'apprenticeship' is not one of: work_grant, internship, occupational_lab, motivational_lab, hire" ]]
	printf 'programme: p\nname: P\ntarget: {certification: [law_104]}\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	[[ "$stderr" == *"target.certification[0]: 'law_104' is not one of: law_68_1999, law_381_1991, uncertified_disadvantage" ]]
	printf 'programme: p\nname: P\ntarget: {age: {}}\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	[[ "$stderr" == *"target: age: give min, max or both" ]]
	printf 'name: P\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	[[ "$stderr" == *"programme: required field is missing" ]]
}

@test "wf programme show: an unknown programme -> exit 1" {
	wf init -q
	run -1 --separate-stderr wf programme show nope
	assert_equal "$stderr" "wf: programme 'nope' not found"
}

@test "wf org add: from flags, registered again means updated" {
	wf init -q
	run -0 wf org add --id coop-x --name "Coop X" --role host,provider --employees 12 -o json
	assert_equal "$output" '{"kind":"organisation","id":"coop-x","name":"Coop X","roles":["host","provider"],"employees":12}'
	run -0 wf org add --id coop-x --name "Coop X" --role host --employees 25 -o json
	assert_equal "$output" '{"kind":"organisation","id":"coop-x","name":"Coop X","roles":["host"],"employees":25}'
	assert_equal "$(sql 'SELECT count(*) FROM organisation')" 1
	assert_equal "$(sql "SELECT action FROM audit WHERE entity = 'organisation' ORDER BY id")" $'add\nupdate'
}

@test "wf org add: bad flags are refused: their type by the parser, the rest like bad fields" {
	wf init -q
	run -64 --separate-stderr wf org add --id x --name X --role hots
	assert_equal "${stderr_lines[0]}" "wf: --role: 'hots' is not one of: referrer, host, assessor, provider, funder (did you mean 'host'?)"
	run -64 --separate-stderr wf org add --id x --name X --role host,fundr
	assert_equal "${stderr_lines[0]}" "wf: --role: 'fundr' is not one of: referrer, host, assessor, provider, funder (did you mean 'funder'?)"
	run -65 --separate-stderr wf org add --id x --name X --role host --employees many
	assert_equal "$stderr" "wf: employees: expected a whole number"
	run -65 --separate-stderr wf org add --id x --role host
	assert_equal "$stderr" "wf: name: required field is missing"
	run -64 --separate-stderr wf org add --id x --name X --role host file.yaml
	assert_equal "${stderr_lines[0]}" "wf: give records or --id, not both"
}

@test "wf org list and show; an unknown one -> exit 1" {
	seed
	run -0 wf org list --role assessor -o tsv --fields id
	assert_equal "$output" $'id\ncsf-vigevano\nfondazione-le-vele\nmestieri-lombardia'
	run -1 --separate-stderr wf org show coop-betania nope -o tsv --fields id
	assert_equal "$output" $'id\ncoop-betania'
	assert_equal "$stderr" "wf: organisation 'nope' not found"
}

@test "wf: an unknown command suggests the nearest" {
	run -64 --separate-stderr wf refr list
	assert_equal "${stderr_lines[0]}" "wf: unknown command 'refr' (did you mean 'refer'?)"
	run -64 --separate-stderr wf programme lod x
	assert_equal "${stderr_lines[0]}" "wf: unknown command 'lod' (did you mean 'load'?)"
}

@test "wf programme check: each person against the target, with every reason; writes nothing" {
	seed
	run -1 wf programme check workflow-lomellina "$EX/referrals.yaml" -o tsv --fields id,date,eligible,reasons
	assert_equal "${lines[1]}" $'RSSMRC98D12L872O\t2026-09-14\ttrue\t'
	assert_equal "${lines[4]}" $'CLMNNA90B54L872O\t2026-10-05\tfalse\tage 36 at 2026-10-05 is not in 0..34 nor 50..; employment status \'employed\' is not one of: unemployed, never_employed'
	assert_equal "${lines[6]}" $'El Amrani Youssef\t2026-10-12\ttrue\t'
	assert_equal "$(sql 'SELECT count(*) FROM person')" 0
}

@test "wf programme check: a person record at --date; exit 0 when all are eligible" {
	seed
	printf 'kind: person\nfirst_name: Ada\nlast_name: Neri\nbirth_date: 2008-05-05\nemployment_status: unemployed\ncertifications: [{kind: law_68_1999}]\n' > "$T/p.yaml"
	run -1 wf programme check sil-bergamo "$T/p.yaml" --date 2026-05-04 -o json
	assert_equal "$output" '{"kind":"check","id":"Neri Ada","programme":"sil-bergamo","date":"2026-05-04","person":{"first_name":"Ada","last_name":"Neri","birth_date":"2008-05-05"},"eligible":false,"reasons":["age 17 at 2026-05-04 is not in 18.."],"rules":[{"rule":"age","age":17,"on":"2026-05-04","ranges":["18.."]}]}'
	run -0 wf programme check sil-bergamo "$T/p.yaml" --date 2026-05-05 -o json --fields eligible
	assert_equal "$output" '{"eligible":true}'
}

@test "wf programme check: case records from a pipe; bad input and an unknown programme" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list -o json > "$T/cases.json"
	run -1 wf programme check sil-bergamo - -o tsv --fields id,eligible < "$T/cases.json"
	assert_equal "${lines[5]}" $'2026-0005\ttrue'
	printf 'first_name: Ada\nlast_name: Neri\nbirth_date: 1960-05-05\nemployment_status: retired\n' > "$T/p.yaml"
	run -65 --separate-stderr wf programme check sil-bergamo "$T/p.yaml"
	[[ "$stderr" == "wf: $T/p.yaml:4:1: employment_status: 'retired' is not one of: "* ]]
	run -65 --separate-stderr wf programme check nope "$EX/referrals.yaml"
	assert_equal "$stderr" "wf: unknown programme 'nope' (load it with 'wf programme load FILE')"
	run -64 --separate-stderr wf programme check
	assert_equal "${stderr_lines[0]}" "wf: check needs a programme"
}

@test "wf programme check: every certification counts, however many come before it" {
	seed
	printf 'programme: law68-only\nname: Law 68 only\ntarget:\n  certification: [law_68_1999]\n' > "$T/prog.yaml"
	wf programme load -q "$T/prog.yaml"
	printf 'kind: person\nfirst_name: Ada\nlast_name: Neri\nbirth_date: 1990-05-05\nemployment_status: unemployed\ncertifications: [%s{kind: law_68_1999}]\n' \
	    "$(printf '{kind: law_381_1991}, %.0s' 1 2 3 4 5)" > "$T/p.yaml"
	run -0 wf programme check law68-only "$T/p.yaml" --date 2026-05-05 -o json --fields eligible
	assert_equal "$output" '{"eligible":true}'
}

@test "codes: a programme or organisation code has one form and length, checked on input" {
	seed
	long=$(printf 'p%.0s' $(seq 140))
	printf 'programme: %s\nname: Long\n' "$long" > "$T/prog.yaml"
	run -65 --separate-stderr wf programme load "$T/prog.yaml"
	assert_equal "$stderr" "wf: $T/prog.yaml:1:1: programme: '$long' is not a code: 1 to 64 letters, digits, '-', '_' or '.', from a letter or digit"
	run -64 --separate-stderr wf org add --id "coop s.ambrogio" --name X --role host
	assert_equal "${stderr_lines[0]}" "wf: --id: 'coop s.ambrogio' is not a code: 1 to 64 letters, digits, '-', '_' or '.', from a letter or digit"
	printf 'kind: organisation\nid: coop s.ambrogio\nname: X\nroles: host\n' > "$T/org.yaml"
	run -65 --separate-stderr wf org add "$T/org.yaml"
	assert_equal "$stderr" "wf: $T/org.yaml:2:1: id: 'coop s.ambrogio' is not a code: 1 to 64 letters, digits, '-', '_' or '.', from a letter or digit"
	run -0 wf org add -q --id Coop_S.Ambrogio-2 --name X --role host
	[ "$(sql "SELECT count(*) FROM programme WHERE code LIKE 'ppp%'")" = 0 ]
}
