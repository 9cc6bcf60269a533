#!/usr/bin/env bats
# The whole store copied while others write, and brought back from a copy
# only when the copy is a store this build can read, whole.

load helpers

# A few cases, screened and monitored.
some_cases() {
	seed
	for n in Uno Due Tre; do referral Anna "$n" 1995-02-03; done | wf-refer add -q
	wf-refer screen -q 2026-0001 2026-0002
	wf-monitor log 2026-0001 --with person --date 2026-10-05 -q
}

@test "backup: a checked copy, 0600, never over a file that is there" {
	sqlite_only "a PostgreSQL store is backed up with pg_dump"
	some_cases
	run -0 wf backup "$T/copy.db" -o json --fields kind,id,store,schema_version
	assert_equal "$output" '{"kind":"backup","id":"'"$T"'/copy.db","store":"'"$WF_DB"'","schema_version":'"$SCHEMA"'}'
	assert_equal "$(stat -c %a "$T/copy.db")" 600
	assert_equal "$(sqlite3 "$T/copy.db" 'SELECT count(*) FROM cases')" 3
	assert_equal "$(sqlite3 "$T/copy.db" 'PRAGMA integrity_check')" ok
	run -0 wf audit log --action backup -o tsv --fields entity,entity_id
	assert_equal "${lines[1]}" "store	$T/copy.db"
	run -73 --separate-stderr wf backup "$T/copy.db"
	assert_equal "$stderr" "wf: '$T/copy.db' exists: a backup never overwrites a file"
	[ ! -e "$T/copy.db.part" ]
	run -64 wf backup
}

@test "backup: copies taken while another command writes are each whole" {
	sqlite_only "a PostgreSQL store is backed up with pg_dump"
	some_cases
	( for i in $(seq 20); do referral Bruno "W$i" 1996-01-01 | wf-refer add -q || exit 1; done ) &
	writer=$!
	for i in 1 2 3 4 5; do
		wf backup -q "$T/b$i.db"
	done
	wait "$writer"
	before=0
	for i in 1 2 3 4 5; do
		assert_equal "$(sqlite3 "$T/b$i.db" 'PRAGMA integrity_check')" ok
		n=$(sqlite3 "$T/b$i.db" 'SELECT count(*) FROM cases')
		[ "$n" -ge "$before" ] && [ "$n" -le 23 ]
		[ "$n" = "$(sqlite3 "$T/b$i.db" "SELECT count(*) FROM audit WHERE action = 'add' AND entity = 'case'")" ]
		WF_DB="$T/b$i.db" run -0 wf audit verify -q
		before=$n
	done
}

@test "restore: a new store from a copy, the same records, the trail whole and told" {
	sqlite_only "a PostgreSQL store is restored with pg_restore"
	some_cases
	wf backup -q "$T/copy.db"
	wf-refer list -o json > "$T/before.json"
	run -0 wf restore "$T/copy.db" --db "$T/new.db" -o json --fields kind,id,from,schema_version
	assert_equal "$output" '{"kind":"restore","id":"'"$T"'/new.db","from":"'"$T"'/copy.db","schema_version":'"$SCHEMA"'}'
	assert_equal "$(stat -c %a "$T/new.db")" 600
	wf-refer list --db "$T/new.db" -o json > "$T/after.json"
	cmp "$T/before.json" "$T/after.json"
	run -0 wf audit verify --db "$T/new.db" -q
	run -0 wf audit log --db "$T/new.db" --action restore -o tsv --fields entity_id
	assert_equal "${lines[1]}" "$T/copy.db"
}

@test "restore: never over a store that is there, unless --force" {
	sqlite_only "a PostgreSQL store is restored with pg_restore"
	some_cases
	wf backup -q "$T/copy.db"
	referral Carla Quattro 1990-01-01 | wf-refer add -q
	run -73 --separate-stderr wf restore "$T/copy.db"
	assert_equal "$stderr" "wf: there is a store at '$WF_DB' already: restore over it with --force"
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 4
	run -0 wf restore --force "$T/copy.db" -q
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 3
	run -0 wf audit verify -q
}

@test "restore: refuses what is not a whole store this build reads, and creates nothing" {
	sqlite_only "a PostgreSQL store is restored with pg_restore"
	some_cases
	wf backup -q "$T/copy.db"
	cp "$T/copy.db" "$T/newer.db"
	sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
	run -65 --separate-stderr wf restore "$T/newer.db" --db "$T/new.db"
	assert_equal "$stderr" "wf: '$T/newer.db' is a store of schema version 99, newer than this build knows ($SCHEMA): upgrade workflow first"
	cp "$T/copy.db" "$T/broken.db"
	printf '\015\377\377\377\377\377\377\377' | dd of="$T/broken.db" bs=1 seek=8192 conv=notrunc 2>/dev/null
	run -65 --separate-stderr wf restore "$T/broken.db" --db "$T/new.db"
	[[ "$stderr" == "wf: '$T/broken.db' fails its integrity check: "*"Page 3"* ]]
	echo "hello" > "$T/text.db"
	run -65 --separate-stderr wf restore "$T/text.db" --db "$T/new.db"
	assert_equal "$stderr" "wf: '$T/text.db' is not a workflow store"
	sqlite3 "$T/other.db" "CREATE TABLE t (x)"
	run -65 --separate-stderr wf restore "$T/other.db" --db "$T/new.db"
	assert_equal "$stderr" "wf: '$T/other.db' is not a workflow store"
	run -66 --separate-stderr wf restore "$T/missing.db" --db "$T/new.db"
	[[ "$stderr" == "wf: cannot read '$T/missing.db': "* ]]
	[ ! -e "$T/new.db" ]
}

@test "restore: a copy of an older store is upgraded and its trail sealed" {
	sqlite_only "a PostgreSQL store is restored with pg_restore"
	sqlite3 "$T/old.db" < "$BATS_TEST_DIRNAME/fixtures/store-v5.sql"
	chmod 600 "$T/old.db"
	run -0 wf restore "$T/old.db" -o tsv --fields schema_version
	assert_equal "${lines[1]}" "$SCHEMA"
	run -0 wf audit verify -q
	[ "$(sql "SELECT count(*) FROM cases")" = "$(sqlite3 "$T/old.db" 'SELECT count(*) FROM cases')" ]
}
