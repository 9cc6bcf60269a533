#!/usr/bin/env bats
# The store: where it is, its permissions, its schema version, what it
# refuses, the audit trail, and that a failed invocation writes nothing.

load helpers

@test "store: created on first write, 0600 in a 0700 folder" {
	sqlite_only "a store's file and folder modes"
	run -0 wf init -o tsv
	assert_equal "$output" $'id\tschema_version\n'"$WF_DB"$'\t'"$SCHEMA"
	assert_equal "$(stat -c %a "$WF_DB")" 600
	assert_equal "$(stat -c %a "$(dirname "$WF_DB")")" 700
}

@test "store: --db, then WF_DB, then XDG_DATA_HOME, then ~/.local/share" {
	run -0 wf init --db "$T/opt.db" -o tsv --fields id
	assert_equal "${lines[1]}" "$T/opt.db"
	run -0 wf init -o tsv --fields id
	assert_equal "${lines[1]}" "$WF_DB"
	unset WF_DB
	XDG_DATA_HOME="$T/xdg" run -0 wf init -o tsv --fields id
	assert_equal "${lines[1]}" "$T/xdg/workflow/workflow.db"
	HOME="$T/home" run -0 wf init -o tsv --fields id
	assert_equal "${lines[1]}" "$T/home/.local/share/workflow/workflow.db"
	assert_equal "$(stat -c %a "$T/home/.local/share/workflow")" 700
}

@test "store: reading a store that is not there creates nothing, exit 69" {
	run -69 --separate-stderr wf-refer list --db "$T/typo.db"
	assert_equal "$stderr" "wf-refer: no store at '$T/typo.db' (create it with 'wf init')"
	[ ! -e "$T/typo.db" ]
}

@test "store: a file that is not a store -> exit 69" {
	echo "hello" > "$T/text.db"
	run -69 --separate-stderr wf-refer list --db "$T/text.db"
	[[ "$stderr" == "wf-refer: '$T/text.db' is not a workflow store: "* ]]
	sqlite3 "$T/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
	run -69 --separate-stderr wf org list --db "$T/other.db"
	assert_equal "$stderr" "wf: '$T/other.db' is a database but not a workflow store"
}

@test "store: a store newer than this build is refused, not misread" {
	sqlite_only "the version is set with sqlite3"
	wf init -q
	sqlite3 "$WF_DB" "PRAGMA user_version = 99"
	run -69 --separate-stderr wf org list
	assert_equal "$stderr" "wf: the store is at schema version 99, newer than this build knows ($SCHEMA): upgrade workflow"
}

@test "store: an old store is migrated forward in place" {
	# A store made at version 0: the schema is created on open.
	sqlite3 "$T/old.db" "PRAGMA application_id = 1464224855"
	run -1 wf org list --db "$T/old.db"
	assert_equal "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" "$SCHEMA"
	[ "$(sqlite3 "$T/old.db" "SELECT count(*) FROM sqlite_master WHERE name = 'cases'")" = 1 ]
}

@test "store: a version 1 store is migrated to 2 in place, its data kept" {
	sqlite_only "an older store is made with sqlite3"
	mkdir -p "$(dirname "$WF_DB")"
	sqlite3 "$WF_DB" < "$BATS_TEST_DIRNAME/fixtures/store-v1.sql"
	chmod 600 "$WF_DB"
	assert_equal "$(sql 'PRAGMA user_version')" 1
	run -0 wf-refer list -o tsv --fields id,status
	assert_equal "${lines[1]}" $'2026-0001\tscreened'
	assert_equal "${lines[3]}" $'2026-0003\trejected'
	[ "${#lines[@]}" -eq 9 ]
	assert_equal "$(sql 'PRAGMA user_version')" "$SCHEMA"
	[ "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'plan_action'")" = 1 ]
	assert_equal "$(sql 'PRAGMA foreign_key_check')" ""
}

@test "store: a version 5 store: what it ended before it started is cancelled" {
	sqlite_only "an older store is made with sqlite3"
	mkdir -p "$(dirname "$WF_DB")"
	sqlite3 "$WF_DB" < "$BATS_TEST_DIRNAME/fixtures/store-v5.sql"
	chmod 600 "$WF_DB"
	assert_equal "$(sql 'PRAGMA user_version')" 5
	run -0 wf-place list -o tsv --fields id,status,outcome,reason
	assert_equal "$output" $'id\tstatus\toutcome\treason\n2026-0001.1\tcancelled\t\tnever came\n2026-0002.1\tended\tinterrupted\tmoved away'
	[ "$(sql "SELECT group_concat(status || ':' || coalesce(outcome, '-'), ' ') FROM placement_status WHERE placement_id = '2026-0001.1'")" = "planned:- cancelled:-" ]
	assert_equal "$(sql 'PRAGMA user_version')" "$SCHEMA"
	assert_equal "$(sql 'PRAGMA foreign_key_check')" ""
	run -0 wf-report monthly --month 2026-10 -o json --fields placements.ended,placements.cancelled,monitoring.high_risk_cases
	assert_equal "$output" '{"placements":{"ended":{"interrupted":1},"cancelled":1},"monitoring":{"high_risk_cases":1}}'
}

@test "store: a version 13 store: a screening's reasons get their rule, every count kept" {
	sqlite_only "an older store is made with sqlite3"
	seed
	referral A Uno 1980-01-01 | wf-refer add -q
	referral B Due 1990-01-01 employment=employed | wf-refer add -q
	referral C Tre 1999-01-01 | wf-refer add -q
	wf-refer screen -q 2026-0001 2026-0002 2026-0003
	run -0 wf-report monthly --month 2026-11 -o json --fields screening
	assert_equal "$output" '{"screening":{"screened":3,"accepted":1,"rejected":2,"rejected_by_rule":{"age":2,"employment":1}}}'
	# Back to how version 13 kept them: the words alone; and two kinds
	# of words no rule begins with.
	undo_17
	sql "UPDATE case_status SET reasons = (SELECT json_group_array(json_extract(value, '\$.text')) FROM json_each(reasons)) WHERE status = 'rejected';
	     UPDATE case_status SET reasons = json_insert(reasons, '\$[#]', 'none of the alternatives holds: x; y', '\$[#]', 'checked by hand') WHERE case_id = '2026-0002' AND status = 'rejected';
	     DROP TABLE case_manager; DROP TABLE operator;
	     ALTER TABLE referral DROP COLUMN sent_names;
	     PRAGMA user_version = 13"
	assert_equal "$(sql "SELECT reasons FROM case_status WHERE case_id = '2026-0001' AND status = 'rejected'")" '["age 46 at 2026-10-01 is not in 0..34 nor 50.."]'
	run -0 wf-report monthly --month 2026-11 -o json --fields screening
	assert_equal "$output" '{"screening":{"screened":3,"accepted":1,"rejected":2,"rejected_by_rule":{"age":2,"employment":1,"any":1,"other":1}}}'
	assert_equal "$(sql 'PRAGMA user_version')" "$SCHEMA"
	assert_equal "$(sql "SELECT reasons FROM case_status WHERE case_id = '2026-0001' AND status = 'rejected'")" '[{"rule":"age","text":"age 46 at 2026-10-01 is not in 0..34 nor 50.."}]'
	# the words are kept as they were, in every language
	want='{"reasons":["age 36 at 2026-10-01 is not in 0..34 nor 50..","employment status '"'"'employed'"'"' is not one of: unemployed, never_employed","none of the alternatives holds: x; y","checked by hand"]}'
	run -0 wf-refer show 2026-0002 -o json --fields reasons
	assert_equal "$output" "$want"
	WF_LANG=it run -0 wf-refer show 2026-0002 -o json --fields reasons
	assert_equal "$output" "$want"
}

@test "store: WAL mode and foreign keys" {
	sqlite_only "SQLite's journal mode"
	wf init -q
	assert_equal "$(sql 'PRAGMA journal_mode')" wal
}

@test "store: busy past the timeout -> exit 75, nothing written" {
	seed
	referral Marco Rossi 1998-04-12 > "$T/r.yaml"
	hold_write_lock
	WF_BUSY_TIMEOUT=200 run -75 --separate-stderr wf-refer add "$T/r.yaml"
	[[ "$stderr" == "wf-refer: the store is busy (another command holds it): "* ]]
	wait
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
}

# Run a command as a user who may read the store but not write it: as
# root (who writes through file modes) the user "nobody", else the owner
# of a store made read-only.
as_reader() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups env \
			"PATH=$PATH" "WF_DB=$WF_DB" "WF_TODAY=$WF_TODAY" \
			"WF_OPERATOR=$WF_OPERATOR" "$@"
	else
		"$@"
	fi
}

# A folder others may enter, outside the test's own (which is private).
shared_dir() {
	RO=$(mktemp -d /tmp/wf-store.XXXXXX)
	chmod 755 "$RO"
	export WF_DB="$RO/wf.db"
}

teardown() {
	[ -z "${RO:-}" ] || { chmod -R u+rwx "$RO"; rm -rf "$RO"; }
	pg_drop
}

@test "store: 8 writers x 500 writes at once: none lost, none twice, a failure is 75" {
	seed
	for w in 1 2 3 4 5 6 7 8; do
		(
			for i in $(seq 500); do
				# names of letters only, so that no two fold alike
				referral "W$(tr 0-9 a-j <<<"$w")" \
					"Writer$(tr 0-9 a-j <<<"$i")" 1990-01-01 \
					cert=law_68_1999 |
					wf-refer add -q 2>>"$T/err.$w"
				echo $? >>"$T/rc.$w"
			done
		) &
	done
	wait
	cat "$T"/rc.* | sort | uniq -c > "$T/rcs"
	# every writer ran 500 times; each either wrote or said it was busy
	assert_equal "$(cat "$T"/rc.* | wc -l)" 4000
	assert_equal "$(grep -cvE '^ *[0-9]+ (0|75)$' "$T/rcs")" 0
	written=$(cat "$T"/rc.* | grep -cx 0)
	busy=$(cat "$T"/rc.* | grep -cx 75 || true)
	assert_equal "$(grep -c . "$T"/err.* | awk -F: '{ n += $2 } END { print n + 0 }')" "$busy"
	if [ "$busy" -gt 0 ]; then
		assert_equal "$(cat "$T"/err.* | grep -cv '^wf-refer: the store is busy (another command holds it): ')" 0
	fi
	# none lost, none twice: a case and a person for each write, the
	# case ids one after the other
	assert_equal "$(sql 'SELECT count(*) FROM cases')" "$written"
	assert_equal "$(sql 'SELECT count(*) FROM person')" "$written"
	assert_equal "$(sql 'SELECT count(DISTINCT match_key) FROM person')" "$written"
	assert_equal "$(sql 'SELECT count(*) FROM person_duplicate')" 0
	assert_equal "$(sql 'SELECT last FROM case_seq WHERE year = 2026')" "$written"
	assert_equal "$(sql "SELECT max(id) FROM cases")" "$(printf '2026-%04d' "$written")"
	# and the trail chained through them all
	run -0 wf audit verify -q
	# a list of them all, fetched a batch at a time on a server: each
	# once, in order; and its reads of their certifications noted a
	# batch at a time, every case in the one entry
	wf-refer list -o tsv --fields id | tail -n +2 > "$T/listed"
	assert_equal "$(wc -l < "$T/listed")" "$written"
	assert_equal "$(sort -u "$T/listed" | wc -l)" "$written"
	assert_equal "$(head -1 "$T/listed")|$(tail -1 "$T/listed")" "2026-0001|$(printf '2026-%04d' "$written")"
	wf-refer list -o json > /dev/null
	assert_equal "$(sql "SELECT detail ->> '\$.cases' FROM audit WHERE action = 'read' ORDER BY id DESC LIMIT 1")" "$written"
	assert_equal "$(sql "SELECT count(*) FROM audit_cases WHERE audit_id = (SELECT max(id) FROM audit)")" "$written"
}

@test "store: read-only to the user: readers work; writes and logged reads -> 77" {
	sqlite_only "a store file's permissions"
	shared_dir
	seed
	referral Marco Rossi 1998-04-12 | wf-refer add -q
	referral Anna Bianchi 1970-03-01 cert=law_68_1999 | wf-refer add -q
	if [ "$(id -u)" = 0 ]; then chmod 644 "$WF_DB"; else chmod 400 "$WF_DB"; fi
	local entries
	entries=$(sql "SELECT count(*) FROM audit")
	run -0 as_reader wf org list -o tsv --fields id
	assert_equal "${lines[1]}" caritas-vigevano
	run -0 as_reader wf-report funnel -o tsv --fields id,cases
	assert_equal "${lines[1]}" $'referred\t2'
	run -0 as_reader wf-refer show 2026-0001 -o tsv --fields id,person.last_name
	assert_equal "${lines[1]}" $'2026-0001\tRossi'
	# a certification is special-category data: showing it is logged,
	# which a read-only store cannot do, so it is not shown
	run -77 --separate-stderr as_reader wf-refer show 2026-0002
	assert_equal "$output" ""
	assert_equal "$stderr" "wf-refer: case '2026-0002' shows special categories of data, whose reading the audit trail records, and the store is read-only to you: ask as a user who may write it"
	referral Luca Verdi 1990-01-01 > "$T/r.yaml"
	chmod 644 "$T/r.yaml"; cp "$T/r.yaml" "$RO/r.yaml"
	run -77 --separate-stderr as_reader wf-refer add "$RO/r.yaml"
	[[ "$stderr" == "wf-refer: the store cannot be written: "* ]]
	[ "$(sql "SELECT count(*) FROM audit")" = "$entries" ]
	[ "$(sql "SELECT count(*) FROM cases")" = 2 ]
}

@test "store: a store in a folder the user cannot enter -> 77, permission denied" {
	shared_dir
	mkdir -m 700 "$RO/closed"
	export WF_DB="$RO/closed/wf.db"
	wf init -q
	[ "$(id -u)" = 0 ] || chmod 000 "$RO/closed"
	run -77 --separate-stderr as_reader wf org list
	assert_equal "$stderr" "wf: cannot reach the store '$RO/closed/wf.db': Permission denied"
}

@test "audit: every write records who, when, which command and what changed" {
	seed
	referral Marco Rossi 1998-04-12 | WF_OPERATOR=anna wf-refer add -q
	WF_OPERATOR=luca wf-refer screen -q 2026-0001 --date 2026-11-02
	run -0 sql "SELECT operator, command, action, entity, entity_id FROM audit WHERE entity = 'case' ORDER BY id"
	assert_equal "$output" $'anna|wf-refer add|add|case|2026-0001\nluca|wf-refer screen|screen|case|2026-0001'
	run -0 sql "SELECT json_extract(detail, '\$.from') || '>' || json_extract(detail, '\$.to') FROM audit WHERE action = 'screen'"
	assert_equal "$output" "referred>screened"
	[[ "$(sql "SELECT at FROM audit LIMIT 1")" =~ ^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:]{8}Z$ ]]
}

@test "audit: without WF_OPERATOR the login name is the operator" {
	unset WF_OPERATOR
	seed
	assert_equal "$(sql "SELECT DISTINCT operator FROM audit")" "$(id -un)"
}

@test "one transaction: a bad record in the middle leaves the store untouched" {
	seed
	{ referral A Uno 2000-01-01; referral B Due 2000-01-01 programme=nope; referral C Tre 2000-01-01; } > "$T/r.yaml"
	before=$(sql 'SELECT count(*) FROM audit')
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	[ -z "$output" ]
	[[ "$stderr" == "wf-refer: $T/r.yaml:"*": programme: unknown programme 'nope' (load it with 'wf programme load FILE')" ]]
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
	assert_equal "$(sql 'SELECT count(*) FROM person')" 0
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
}

@test "--keep-going: the good records are applied and each bad one reported, exit 65" {
	seed
	{ referral A Uno 2000-01-01; referral B Due 2000-01-01 programme=nope; referral C Tre 2000-01-01 referrer=nobody; referral D Quattro 2000-01-01; } > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add --keep-going -o tsv --fields id,person.last_name "$T/r.yaml"
	assert_equal "$output" $'id\tperson.last_name\n2026-0001\tUno\n2026-0002\tQuattro'
	[ "${#stderr_lines[@]}" -eq 3 ]
	[[ "${stderr_lines[0]}" == *"programme: unknown programme 'nope'"* ]]
	[[ "${stderr_lines[1]}" == *"referrer: unknown organisation 'nobody' (register it with 'wf org add --id nobody --name NAME --role referrer')" ]]
	assert_equal "${stderr_lines[2]}" "wf-refer: 2 records refused"
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 2
}

@test "--dry-run: checks and prints what would be written, writes nothing" {
	seed
	referral A Uno 2000-01-01 > "$T/r.yaml"
	run -0 wf-refer add -n -o tsv --fields id,status "$T/r.yaml"
	assert_equal "$output" $'id\tstatus\n2026-0001\treferred'
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'case'")" = 0 ]
	referral A Uno 2000-01-01 programme=nope > "$T/r.yaml"
	run -65 wf-refer add -n "$T/r.yaml"
}

@test "store: a folder that cannot be made -> exit 73" {
	touch "$T/file"
	run -73 --separate-stderr wf init --db "$T/file/sub/wf.db"
	[ "$stderr" = "wf: cannot create folder '$T/file': File exists" ] ||
	assert_equal "$stderr" "wf: cannot create folder '$T/file/sub': Not a directory"
}

@test "store: the reports read what their day or period bounds, by index" {
	# No report, list of what is due or of risks reads a table of
	# contacts, statuses or placements whole (sqlplan says which would).
	run -0 "$WF_BUILD/tests/sqlplan" "$T/plans.db"
	[ -z "$output" ]
	run -0 "$WF_BUILD/tests/sqlplan" -v "$T/plans2.db"
	[[ "$output" == *$'PERIOD_CONTACTS:\n  SEARCH k USING INDEX contact_date (date>? AND date<?)'* ]]
}

@test "store: one open to others is made 0600, with a warning" {
	sqlite_only "a store file's mode"
	wf init -q
	chmod 0644 "$WF_DB"
	run -1 --separate-stderr wf org list
	assert_equal "${stderr_lines[0]}" "wf: warning: the store '$WF_DB' was open to other users: made 0600"
	assert_equal "$(stat -c %a "$WF_DB")" 600
	run -1 --separate-stderr wf org list
	assert_equal "$stderr" "wf: no organisations"
}

@test "store: a URI no engine takes is no store path: refused, nothing made" {
	cd "$T"
	run -78 --separate-stderr env WF_DB=mysql://wf@localhost/workflow wf init
	assert_equal "$stderr" "wf: 'mysql://wf@localhost/workflow': no engine for this URI; a store is a file path or a postgresql:// URI"
	[ ! -e mysql: ]
}

@test "store: a password in a PostgreSQL location is refused, nothing tried" {
	cd "$T"
	run -78 --separate-stderr env WF_DB=postgresql://wf:secret@localhost/workflow wf init
	assert_equal "$stderr" "wf: the store's location holds a password, which a command line would show to anyone: put it in a password file (PGPASSFILE, ~/.pgpass) or a service file instead"
	run -78 --separate-stderr env WF_DB='postgresql:host=/nowhere password=secret' wf org list
	[[ "$stderr" == *"holds a password"* ]]
	[ ! -e postgresql: ]
}

@test "store: a PostgreSQL server that does not answer -> 69, with where" {
	cd "$T"
	run -69 --separate-stderr env WF_DB="postgresql:host=$T/nosock dbname=wf" wf org list
	[[ "$stderr" == "wf: cannot reach the store 'postgresql:host=$T/nosock dbname=wf': "* ]]
}

@test "store: damaged pages are reported as damage, with what to do" {
	sqlite_only "a file's pages overwritten"
	seed
	for i in $(seq 40); do referral "N$i" Test 1990-01-01 tax=; done | wf-refer add -q
	wf-refer list -q
	sqlite3 "$WF_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
	pages=$(sqlite3 "$WF_DB" 'PRAGMA page_count')
	# overwrite every page but the first with noise
	dd if=/dev/urandom of="$WF_DB" bs=4096 seek=1 count=$((pages - 1)) conv=notrunc status=none
	run -69 --separate-stderr wf-report monthly --month 2026-10
	[[ "$stderr" == "wf-report: the store '$WF_DB' is damaged ("*"): restore it from a backup ('wf restore')" ]]
	run -69 --separate-stderr wf store check
	[[ "$stderr" == "wf: the store '$WF_DB' is damaged ("*"): restore it from a backup ('wf restore')" ]]
}

@test "wf store check: a whole store passes; one page overwritten is found" {
	sqlite_only "a file's pages overwritten"
	seed
	for i in $(seq 200); do referral "N$i" Test 1990-01-01; done | wf-refer add -q
	run -0 wf store check -o tsv --fields schema_version,integrity
	assert_equal "$output" $'schema_version\tintegrity\n'"$SCHEMA"$'\tok'
	sqlite3 "$WF_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
	root=$(sqlite3 "$WF_DB" "SELECT rootpage FROM sqlite_master WHERE name = 'person_match'")
	dd if=/dev/zero of="$WF_DB" bs=4096 seek=$((root - 1)) count=1 conv=notrunc status=none
	run -69 --separate-stderr wf store check
	[[ "$stderr" == "wf: the store '$WF_DB' is damaged ("*"): restore it from a backup ('wf restore')" ]]
}

@test "store: a value the commands cannot have written is reported, never read as another" {
	seed
	referral Marco Rossi 1998-04-12 | wf-refer add -q
	referral Anna Bianchi 1999-03-01 | wf-refer add -q
	sql "UPDATE person SET birth_date = '1998-04-1299' WHERE last_name = 'Rossi'"
	run -65 --separate-stderr wf-refer screen 2026-0001
	assert_equal "$stderr" "wf-refer: case '2026-0001': the stored birth date, employment, municipality or referral date is not what the commands write (the store was changed by other means): run 'wf store check', or restore it from a backup"
	run -65 --separate-stderr wf-report monthly --month 2026-10
	[[ "$stderr" == "wf-report: a case: the stored referral or birth date is not what the commands write"* ]]
	# a value longer than its kind is not cut down to one that reads well
	sql "UPDATE cases SET status_date = '2026-10-01T00:00' WHERE id = '2026-0002'"
	run -65 --separate-stderr wf-refer screen 2026-0002
	[[ "$stderr" == "wf-refer: case '2026-0002': the stored id, status, dates or programme is not what the commands write"* ]]
	[ "$(sql "SELECT count(*) FROM case_status WHERE status = 'screened'")" = 0 ]
}

@test "wf store info: the engine, where, the schema, and what the store holds" {
	seed
	referral Marco Rossi 1998-04-12 | wf-refer add -q
	referral Ada Alba 1990-01-01 | wf-refer add -q
	run -0 wf-refer withdraw 2026-0002 --reason "moved away" -q
	run -0 wf store info -o json
	assert_equal "$(jq -r '[.kind, .id, .engine, .schema_version] | @tsv' <<<"$output")" \
		"store	$WF_DB	$ENGINE	$SCHEMA"
	assert_equal "$(jq -r '.records | [.people, .cases, .cases_open, .referrals, .programmes, .placements] | @tsv' <<<"$output")" \
		"2	2	1	2	2	0"
	# what the store holds counted as the store holds it
	assert_equal "$(jq -r .records.organisations <<<"$output")" \
		"$(sql 'SELECT count(*) FROM organisation')"
	assert_equal "$(jq -r .records.audit_entries <<<"$output")" \
		"$(sql 'SELECT count(*) FROM audit')"
	run -0 wf store info -o tsv
	assert_equal "${lines[0]}" $'id\tengine\tschema_version\trecords.people\trecords.cases\trecords.cases_open'
	assert_equal "${lines[1]}" "$WF_DB"$'\t'"$ENGINE"$'\t'"$SCHEMA"$'\t2\t2\t1'
	# it never makes a store
	run -69 --separate-stderr wf store info --db "$T/none.db"
	[ ! -e "$T/none.db" ]
}
