#!/usr/bin/env bats
# The throwaway PostgreSQL cluster the shared store's tests run on
# (tests/pg-cluster.sh): made in a temporary folder, run as an
# unprivileged user when the tests run as root, reachable on a Unix
# socket only, stopped and removed at the end, also when a test fails.

load helpers

setup_file() {
	PGDIR=$(mktemp -d /tmp/wf-pg-XXXXXX)
	export PGDIR
	"$BATS_TEST_DIRNAME/pg-cluster.sh" start "$PGDIR" > "$PGDIR.env"
}

teardown_file() {
	"$BATS_TEST_DIRNAME/pg-cluster.sh" stop "$PGDIR"
	rm -f "$PGDIR.env"
}

pg() {
	env $(cat "$PGDIR.env") psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"
}

@test "pg cluster: a server answers on its socket, as an unprivileged user" {
	run -0 pg -c "SELECT 1 + 1"
	assert_equal "$output" "2"
	run -0 pg -c "SELECT current_user"
	[ "$output" != root ]
	run -0 pg -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
	assert_equal "$output" "t"
	# the server's processes are not root's
	run -0 stat -c %U "/proc/$(head -1 "$PGDIR/data/postmaster.pid")"
	[ "$output" != root ]
}

@test "pg cluster: no TCP, a Unix socket in its own folder only" {
	run -0 pg -c "SHOW listen_addresses"
	assert_equal "$output" ""
	run -0 pg -c "SHOW unix_socket_directories"
	assert_equal "$output" "$PGDIR/sock"
	[ -S "$PGDIR/sock/.s.PGSQL.59432" ]
	# nothing answers on the loopback at the cluster's port
	run env PGCONNECT_TIMEOUT=3 psql -X -h 127.0.0.1 -p 59432 -U nobody -c "SELECT 1" postgres
	[ "$status" -ne 0 ]
	[[ "$output" == *"Connection refused"* ]]
}

@test "pg cluster: stop removes it whole, running or not, and a second stop is harmless" {
	d=$(mktemp -d /tmp/wf-pg-XXXXXX)
	env_lines=$("$BATS_TEST_DIRNAME/pg-cluster.sh" start "$d")
	pid=$(head -1 "$d/data/postmaster.pid")
	kill -0 "$pid"
	run -0 "$BATS_TEST_DIRNAME/pg-cluster.sh" stop "$d"
	[ ! -e "$d" ]
	! kill -0 "$pid" 2>/dev/null
	run -0 "$BATS_TEST_DIRNAME/pg-cluster.sh" stop "$d"
	[[ "$env_lines" == *"PGHOST=$d/sock"* ]]
}
