#!/usr/bin/env bats
# The whole store as records and back: export, import into an empty
# store, export again gives the same stream, byte for byte.

load helpers

# A store with something in every kind of table.
full_store() {
	seed
	to_plan Ada workflow-lomellina 2026-09-01 work_grant > /dev/null
	wf-place add -q --case 2026-0001 --kind work_grant --host coop-betania --hours 10 --stipend 400 --start 2026-10-01 --end 2027-03-31
	wf-place start -q 2026-0001.1 --date 2026-10-01
	wf-place attend -q 2026-0001.1 --month 2026-10 --hours 40
	wf-monitor log -q 2026-0001 --with tutor --date 2026-10-20 --notes "going well"
	wf-monitor log -q 2026-0001 --with person --date 2026-10-21
	wf void -q --kind contact --id 2 --reason twice
	wf consent give -q 2026-0001 --purpose share_final_report
	wf-report case 2026-0001 --for referrer > /dev/null
	referral Bruno Due 1990-01-01 | wf-refer add -q
	wf case close -q 2026-0002 --outcome withdrawn --date 2026-10-02 --situation none
	wf amend -q --kind person --id 2 --set first_name=Bruna --reason typo
	wf person erase -q 2026-0002 --reason request
}

@test "export: import into an empty store, export again: the same stream" {
	full_store
	run -0 wf export -o json
	echo "$output" > "$T/one.jsonl"
	assert_equal "${lines[0]}" "{\"kind\":\"store\",\"id\":\"workflow\",\"schema_version\":$SCHEMA}"
	for t in organisation programme person cases case_status referral assessment_session decision plan plan_goal plan_action placement placement_status attendance case_closure contact follow_up voided consent disclosure audit; do
		grep -q "\"table\":\"$t\"" "$T/one.jsonl"
	done
	run -0 wf import --db "$T/new.db" "$T/one.jsonl"
	[ -z "$output" ]
	wf export --db "$T/new.db" -o json > "$T/two.jsonl"
	cmp "$T/one.jsonl" "$T/two.jsonl"
	run -0 wf audit verify --db "$T/new.db" -q
	wf-report monthly --month 2026-10 -o json > "$T/m1"
	wf-report monthly --db "$T/new.db" --month 2026-10 -o json > "$T/m2"
	cmp "$T/m1" "$T/m2"
	# the export is in the trail of the store it read
	run -0 wf audit log --action export -o tsv --fields entity,entity_id
	assert_equal "${lines[1]}" "store	$WF_DB"
}

@test "import: only into an empty store of the export's schema, from its first record" {
	full_store
	wf export -o json > "$T/one.jsonl"
	run -65 --separate-stderr wf import "$T/one.jsonl"
	assert_equal "$stderr" "wf: the store at '$WF_DB' is not empty: import into a new one"
	sed "1s/\"schema_version\":$SCHEMA/\"schema_version\":7/" "$T/one.jsonl" > "$T/old.jsonl"
	run -65 --separate-stderr wf import --db "$T/a.db" "$T/old.jsonl"
	assert_equal "$stderr" "wf: $T/old.jsonl:1:33: schema_version: an export of schema version 7 goes into a store of that version, not $SCHEMA"
	tail -n +2 "$T/one.jsonl" > "$T/headless.jsonl"
	run -65 --separate-stderr wf import --db "$T/b.db" "$T/headless.jsonl"
	assert_equal "$stderr" "wf: $T/headless.jsonl:1:1: kind: an export begins with the record of its schema (kind: store)"
	assert_equal "$(sqlite3 "$T/b.db" 'SELECT count(*) FROM organisation')" 0
}

@test "import: a row that is not one of the store's is refused with its place, nothing written" {
	full_store
	wf export -o json > "$T/one.jsonl"
	{ head -3 "$T/one.jsonl"; echo '{"kind":"row","table":"secrets","row":{"id":1}}'; } > "$T/bad.jsonl"
	run -65 --separate-stderr wf import --db "$T/c.db" "$T/bad.jsonl"
	assert_equal "$stderr" "wf: $T/bad.jsonl:4:15: table: 'secrets' is not a table of the store"
	{ head -3 "$T/one.jsonl"; echo '{"kind":"row","table":"person","row":{"id":9,"nickname":"x"}}'; } > "$T/bad.jsonl"
	run -65 --separate-stderr wf import --db "$T/c.db" "$T/bad.jsonl"
	assert_equal "$stderr" "wf: $T/bad.jsonl:4:46: nickname: not a column of table 'person'"
	{ head -3 "$T/one.jsonl"; sed -n 3p "$T/one.jsonl"; } > "$T/bad.jsonl"
	run -65 --separate-stderr wf import --db "$T/c.db" "$T/bad.jsonl"
	[[ "$stderr" == "wf: $T/bad.jsonl:4:1: the row breaks the store's rules: UNIQUE constraint failed: "* ]]
	assert_equal "$(sqlite3 "$T/c.db" 'SELECT count(*) FROM organisation')" 0
}

# every report of the full store, as JSON
all_reports() {
	local r
	for r in "monthly --month 2026-10" "range --from 2026-01-01 --to 2026-11-30" \
	    "indicators --from 2026-01-01 --to 2026-11-30" \
	    funnel caseload quality \
	    "case 2026-0001"; do
		# shellcheck disable=SC2086
		wf-report $r -o json || return
	done
	wf-monitor due --on 2026-11-22 -o json || [ $? = 1 ]
}

@test "store copy: into a new store, every report and the whole export the same" {
	full_store
	run -0 wf store copy "$WF_DB" "$T/copy.db" -o tsv --fields kind,id,from,engine
	assert_equal "${lines[1]}" "store_copy	$T/copy.db	$WF_DB	sqlite"
	# every row, but the entry of the copy in the trail of the store read
	wf export -o json > "$T/one.jsonl"
	wf export --db "$T/copy.db" -o json > "$T/two.jsonl"
	assert_equal "$(grep -c '"action":"copy"' "$T/one.jsonl")" 1
	grep -v '"action":"copy"' "$T/one.jsonl" | cmp - "$T/two.jsonl"
	# (each read of special data adds to the trail of the store read)
	all_reports > "$T/r1"
	WF_DB="$T/copy.db" all_reports > "$T/r2"
	cmp "$T/r1" "$T/r2"
	run -0 wf audit verify --db "$T/copy.db" -q
	# the copy is in the trail of the store it read
	run -0 wf audit log --action copy -o tsv --fields entity,entity_id,detail.to
	assert_equal "${lines[1]}" "store	$WF_DB	$T/copy.db"
	if [ "$ENGINE" = postgresql ]; then
		# and from the file into a database of its own: the other way
		psql -X -q -d postgres -c "CREATE DATABASE ${WF_PG_DB}_b"
		run -0 wf store copy "$T/copy.db" "postgresql:///${WF_PG_DB}_b" -o tsv --fields engine
		assert_equal "${lines[1]}" postgresql
		WF_DB="postgresql:///${WF_PG_DB}_b" all_reports > "$T/r3"
		psql -X -q -d postgres -c "DROP DATABASE ${WF_PG_DB}_b WITH (FORCE)"
		cmp "$T/r1" "$T/r3"
	fi
}

@test "store copy: never into a store that holds anything, onto itself, or with --db" {
	full_store
	wf store copy -q "$WF_DB" "$T/copy.db"
	run -65 --separate-stderr wf store copy "$WF_DB" "$T/copy.db"
	assert_equal "$stderr" "wf: the store at '$T/copy.db' is not empty: copy into a new one"
	run -64 --separate-stderr wf store copy "$WF_DB" "$WF_DB"
	assert_equal "${stderr_lines[0]}" "wf: a store is not copied onto itself"
	run -64 --separate-stderr wf store copy "$WF_DB"
	assert_equal "${stderr_lines[0]}" "wf: copy needs FROM and TO"
	run -64 --separate-stderr wf store copy --db "$WF_DB" "$WF_DB" "$T/other.db"
	assert_equal "${stderr_lines[0]}" "wf: copy reads the store FROM names, not --db"
	[ ! -e "$T/other.db" ]
}
