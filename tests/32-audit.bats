#!/usr/bin/env bats
# The audit trail as a record: read back with filters, what it withholds,
# reads of special-category data, and a chain that catches an edit made
# behind the commands' back.

load helpers

# A case with a certification, screened, and its final report read.
history() {
	cached history_store
}
history_store() {
	seed
	referral Marco Rossi 1998-04-12 cert=law_381_1991 programme=sil-bergamo referrer=ssd-dalmine tax=RSSMRC98D12L872O sex=M |
		WF_OPERATOR=anna wf-refer add -q
	referral Lucia Bianchi 1990-06-01 | WF_OPERATOR=luca wf-refer add -q
	WF_OPERATOR=luca wf-refer screen -q 2026-0001 --date 2026-11-02
}

# seal ID: the hash of entry ID computed from its columns with the shell's
# tools, as workflow(7) describes it: SHA-256 of the fields as netstrings.
seal() {
	local f out="" IFS=$'\x1f'
	local -a cols
	read -r -a cols < <(sql "SELECT prev, id, at, operator, coalesce(login, ''), command, action, entity, entity_id, coalesce(case_id, ''), coalesce(CAST(person_id AS TEXT), ''), detail_sha FROM audit WHERE id = $1" $'\x1f')
	for f in "${cols[@]}"; do
		out+="$(LC_ALL=C; printf '%d:%s,' "${#f}" "$f")"
	done
	printf '%s' "$out" | sha256sum | cut -c1-64
}

@test "audit: an entry's seal can be checked with the shell's own tools" {
	history
	for id in 1 14 15; do
		assert_equal "$(seal $id)" "$(sql "SELECT hash FROM audit WHERE id = $id")"
	done
}

@test "audit log: who, with the login beside the declared operator, when, which command" {
	history
	run -0 wf audit log --case 2026-0001 -o tsv --fields operator,login,command,action,entity,entity_id,case
	[ "$output" = "operator	login	command	action	entity	entity_id	case
anna	$(id -un)	wf-refer add	add	case	2026-0001	2026-0001
luca	$(id -un)	wf-refer screen	screen	case	2026-0001	2026-0001" ]
	run -0 wf audit log --case 2026-0001 --action screen -o json --fields detail
	assert_equal "$output" '{"detail":{"from":"referred","to":"screened","date":"2026-11-02"}}'
}

@test "audit log: in every output format" {
	history
	run -0 wf audit log --action screen -o yaml --fields id,action
	assert_equal "$output" $'---\nid: 15\naction: screen'
	run -0 wf audit log --action screen -o csv --fields id,action
	assert_equal "$output" $'id,action\n15,screen'
	run -0 wf audit log --action screen -o table --fields id,action,entity_id
	assert_equal "$output" $'ID  ACTION  ENTITY_ID\n15  screen  2026-0001'
	run -0 wf audit log --action screen -o tsv
	assert_equal "${lines[0]}" $'id\tat\toperator\tlogin\tcommand\taction\tentity\tentity_id'
}

@test "audit log: by person, as a number, a case of theirs or a tax code" {
	history
	run -0 wf audit log --person RSSMRC98D12L872O -o tsv --fields entity_id,action
	assert_equal "$output" $'entity_id\taction\n2026-0001\tadd\n2026-0001\tscreen'
	run -0 wf audit log --person rssmrc98d12l872o -o tsv --fields entity_id,action
	[ "${#lines[@]}" -eq 3 ]
	run -0 wf audit log --person 2026-0002 -o tsv --fields entity_id,person
	assert_equal "$output" $'entity_id\tperson\n2026-0002\t2'
	run -0 wf audit log --person 2 -o tsv --fields entity_id
	assert_equal "$output" $'entity_id\n2026-0002'
	run -1 --separate-stderr wf audit log --person 99
	assert_equal "$stderr" "wf: no person '99' (give the person's number, a case of theirs, or their tax code)"
}

@test "audit log: by operator or login, by action, by time" {
	history
	run -0 wf audit log --operator luca -o tsv --fields entity_id,action
	assert_equal "$output" $'entity_id\taction\n2026-0002\tadd\n2026-0001\tscreen'
	run -0 wf audit log --operator "$(id -un)" -o tsv --fields id
	[ "${#lines[@]}" -eq 16 ]
	run -0 wf audit log --action add --case 2026-0002 -o tsv --fields operator
	assert_equal "$output" $'operator\nluca'
	today=$(date -u +%F)
	run -0 wf audit log --since "$today" --until "$today" -o tsv --fields id
	[ "${#lines[@]}" -eq 16 ]
	run -0 wf audit log --since "${today}T00:00:00Z" -o tsv --fields id
	[ "${#lines[@]}" -eq 16 ]
	run -1 --separate-stderr wf audit log --until 2000-01-01
	assert_equal "$stderr" "wf: no audit entries match"
	run -1 wf audit log --since 2999-12-31
	run -1 wf audit log --case 2026-0001 --operator nobody
	run -64 --separate-stderr wf audit log --since yesterday
	assert_equal "${stderr_lines[0]}" "wf: --since: 'yesterday' is not a day (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)"
	run -64 wf audit log --until 2026-02-30
}

@test "audit: the trail keeps what was written, not the person's data" {
	history
	run -0 sql "SELECT detail FROM audit WHERE case_id = '2026-0001' AND action = 'add'"
	[[ "$output" != *Rossi* && "$output" != *Marco* && "$output" != *RSSMRC* && "$output" != *1998-04-12* ]]
	[[ "$output" != *law_381* ]]
	run -0 wf audit log --case 2026-0001 --action add -o json --fields detail.person
	assert_equal "$output" '{"detail":{"person":{"first_name":"[withheld]","last_name":"[withheld]","birth_date":"[withheld]","tax_code":"[withheld]","sex":"M","municipality":"Vigevano","employment_status":"unemployed","certifications":"[withheld]"}}}'
}

@test "audit: reading special-category data is logged, a case an invocation" {
	history
	WF_OPERATOR=eva wf-refer show 2026-0001 > /dev/null
	WF_OPERATOR=eva wf-refer list -o json > /dev/null
	WF_OPERATOR=eva wf-report case 2026-0001 2026-0001 > /dev/null
	WF_OPERATOR=eva wf case show 2026-0001 > /dev/null
	run -0 wf audit log --action read -o tsv --fields operator,command,case,detail
	[ "$output" = 'operator	command	case	detail
eva	wf-refer show	2026-0001	{"read":["certifications"]}
eva	wf-refer list	2026-0001	{"read":["certifications"]}
eva	wf-report case	2026-0001	{"read":["final_report"]}
eva	wf case show	2026-0001	{"read":["certifications"]}' ]
	# what shows nothing special, what is not shown (-q), and aggregates
	# are not reads of a case
	before=$(sql 'SELECT count(*) FROM audit')
	wf-refer show 2026-0002 > /dev/null
	wf-refer show -q 2026-0001
	wf-report monthly --month 2026-10 > /dev/null
	wf audit log > /dev/null
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
}

@test "audit: a list that shows many cases' special data is one entry, found by each case" {
	history
	referral Ada Neri 1990-01-01 cert=law_68_1999 programme=sil-bergamo | wf-refer add -q
	WF_OPERATOR=eva wf-refer list -o json > /dev/null
	run -0 wf audit log --action read -o json --fields command,entity,entity_id,case,detail.read,detail.cases
	assert_equal "$output" '{"command":"wf-refer list","entity":"cases","entity_id":"2","detail":{"read":["certifications"],"cases":2}}'
	assert_equal "$(sql 'SELECT group_concat(case_id) FROM (SELECT case_id FROM audit_cases ORDER BY audit_id, case_id) AS a')" "2026-0001,2026-0003"
	run -0 wf audit log --case 2026-0003 --action read -o tsv --fields command,entity
	assert_equal "$output" $'command\tentity\nwf-refer list\tcases'
	run -0 wf audit log --person 3 --action read -o tsv --fields command
	assert_equal "$output" $'command\nwf-refer list'
	run -1 wf audit log --case 2026-0002 --action read
	run -0 wf audit verify -q
	sql_refused "DELETE FROM audit_cases"
	[[ "$stderr" == *"append-only"* ]]
	sql "INSERT INTO audit_cases VALUES ((SELECT max(audit_id) FROM audit_cases), '2026-0002')"
	n=$(sql "SELECT id FROM audit WHERE entity = 'cases'")
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry $n was changed: the cases beside it are not the ones it sealed"
	drop_trigger audit_cases_append_only_d audit_cases
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: the audit trail's guard 'audit_cases_append_only_d' is missing: entries could be changed or deleted unseen"
}

@test "audit: reading a fragility profile is logged" {
	history
	{ session 2026-0001 2026-11-03; printf 'profile:\n  - {area: housing, level: high, note: lives alone}\n'; } | wf-assess add -q
	WF_OPERATOR=eva wf-assess show 2026-0001 > /dev/null
	run -0 wf audit log --action read -o tsv --fields operator,command,detail
	assert_equal "$output" $'operator\tcommand\tdetail\neva\twf-assess show\t{"read":["fragility"]}'
}

@test "audit: a read that cannot be logged fails the command" {
	history
	hold_write_lock
	WF_BUSY_TIMEOUT=200 run -75 --separate-stderr wf-refer show 2026-0001
	[[ "$stderr" == "wf-refer: the store is busy (another command holds it): "* ]]
	wait
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'read'")" = 0 ]
}

@test "audit verify: a whole trail says how many entries it checked and its head" {
	history
	run -0 wf audit verify -o tsv
	assert_equal "${lines[0]}" $'id\tentries\tlast\thead\tguards'
	[[ "${lines[1]}" =~ ^"$WF_DB"$'\t15\t15\t'[0-9a-f]{64}$'\t5'$ ]]
	head=$(last_line wf audit verify -o tsv --fields head)
	assert_equal "$head" "$(sql 'SELECT hash FROM audit ORDER BY id DESC LIMIT 1')"
	wf-refer screen -q 2026-0002
	run -0 wf audit verify --head "$head" -o tsv --fields entries
	assert_equal "${lines[1]}" 16
}

@test "audit verify: an entry changed behind the commands' back is named" {
	history
	tamper "UPDATE audit SET detail = replace(detail, 'screened', 'rejected') WHERE action = 'screen'"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry 15 was changed: its detail no longer matches its seal"
	[ -z "$output" ]
}

@test "audit verify: an operator rewritten, even with the entry's hash redone by hand, is caught" {
	history
	tamper "UPDATE audit SET operator = 'someone' WHERE id = 14"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry 14 was changed: it no longer matches its seal"
	# resealing that one entry breaks the link the next one holds
	tamper "UPDATE audit SET hash = '$(seal 14)' WHERE id = 14"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry 14 was changed: the entry after it was sealed to another"
}

@test "audit verify: removed entries are named" {
	history
	tamper "DELETE FROM audit WHERE id = 7"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry 7 was removed"
	tamper "DELETE FROM audit WHERE id IN (8, 9)"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entries 7 to 9 were removed"
}

@test "audit verify: an inserted entry is named" {
	history
	tamper "UPDATE audit SET id = -id WHERE id >= 6; UPDATE audit SET id = 1 - id WHERE id < 0;
		INSERT INTO audit (id, at, operator, command, action, entity, entity_id, detail_sha, prev, hash)
		SELECT 6, at, 'someone', command, 'add', 'case', '2026-0009', '', hash, 'f00d' FROM audit WHERE id = 5"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: audit entry 6 was inserted: the entry after it chains past it"
}

@test "audit verify: the tail cut off is caught by a head noted earlier" {
	history
	head=$(last_line wf audit verify -o tsv --fields head)
	tamper "DELETE FROM audit WHERE id = 15"
	run -0 wf audit verify -o tsv --fields entries
	assert_equal "${lines[1]}" 14
	run -65 --separate-stderr wf audit verify --head "$head"
	assert_equal "$stderr" "wf: the head $head noted earlier is not in the chain: entries were removed from its end or the chain was rewritten"
}

@test "audit verify: the append-only guards must be in place" {
	history
	drop_trigger audit_append_only_d audit
	sql "DELETE FROM audit WHERE id = 15"
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: the audit trail's guard 'audit_append_only_d' is missing: entries could be changed or deleted unseen"
	if [ "$ENGINE" = postgresql ]; then
		sql "CREATE FUNCTION let_go() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN OLD; END'; CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION let_go()"
	else
		sql "CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit BEGIN SELECT 1; END"
	fi
	run -65 --separate-stderr wf audit verify
	assert_equal "$stderr" "wf: the audit trail's guard 'audit_append_only_d' is not as workflow made it"
}

@test "audit: the store keeps the trail append-only and chained" {
	history
	run sql "DELETE FROM audit"
	[ "$status" -ne 0 ]
	[[ "$output" == *"the audit trail is append-only"* ]]
	run sql "UPDATE audit SET operator = 'x'"
	[[ "$output" == *"the audit trail is append-only"* ]]
	run sql "INSERT INTO audit (id, at, operator, command, action, entity, entity_id, prev, hash) VALUES (16, 'x', 'x', 'x', 'x', 'x', 'x', 'abc', 'def')"
	[ "$status" -ne 0 ]
	[[ "$output" == *"an audit entry must chain to the last"* ]]
	run sql "UPDATE audit SET redacted_by = 15, operator = 'x' WHERE id = 14"
	[[ "$output" == *"the audit trail is append-only"* ]]
	run -0 wf audit verify -q
}

@test "audit: an old store's trail is sealed on upgrade, its copies of personal data removed" {
	sqlite_only "an older store is made with sqlite3"
	mkdir -p "$(dirname "$WF_DB")"
	sqlite3 "$WF_DB" < "$BATS_TEST_DIRNAME/fixtures/store-v5.sql"
	chmod 600 "$WF_DB"
	[ "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%\"Test\"%'")" -gt 0 ]
	n=$(sql 'SELECT count(*) FROM audit')
	run -0 wf audit verify -o tsv --fields entries,guards
	assert_equal "${lines[1]}" "$n	5"
	[ "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%\"Test\"%'")" = 0 ]
	[ "$(sql "SELECT count(*) FROM audit WHERE login IS NULL")" = "$n" ]
	run -0 wf audit log --case 2026-0001 -o tsv --fields entity_id
	[ "${#lines[@]}" -gt 1 ]
}

@test "audit: a record refused after it was audited leaves the chain whole for the next" {
	history
	{ printf -- '---\nkind: assessment\nsessions:\n  - {case: 2026-0001, date: 2026-11-03, type: interview}\n  - {case: 2026-0001, date: 2026-11-04, type: nap}\n'; session 2026-0001 2026-11-05; } > "$T/s.yaml"
	before=$(sql 'SELECT count(*) FROM audit')
	run -65 wf-assess add --keep-going -q "$T/s.yaml"
	assert_equal "$(sql 'SELECT count(*) FROM assessment_session')" 1
	[ "$(sql 'SELECT count(*) FROM audit')" -gt "$before" ]
	run -0 wf audit verify -q
}
