#!/usr/bin/env bats
# The fuzz harnesses (tests/fuzz) replayed on their seed corpus and on
# every input a fuzzer found to crash, leak or hang (tests/fuzz/regress):
# each must run clean, under make check and under make check SAN=1.

load helpers

# A harness with no finding yet has no regress folder: git keeps no
# empty folder, so a clean clone has none to replay.
replay() {
	local n=$1
	local dirs=("$BATS_TEST_DIRNAME/fuzz/corpus/$n")
	[ -d "$BATS_TEST_DIRNAME/fuzz/regress/$n" ] &&
		dirs+=("$BATS_TEST_DIRNAME/fuzz/regress/$n")
	run "$WF_BUILD/tests/fuzz-$n" "${dirs[@]}"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[[ "${lines[-1]}" =~ ^[0-9]+\ inputs$ ]]
}

@test "fuzz replay: the record reader" { replay reader; }
@test "fuzz replay: dates and months" { replay date; }
@test "fuzz replay: money" { replay money; }
@test "fuzz replay: the tax code" { replay taxcode; }
@test "fuzz replay: the programme loader" { replay programme; }

@test "fuzz replay: counts what it ran, and fails on an input it cannot read" {
	mkdir -p "$BATS_TEST_TMPDIR/empty"
	run "$WF_BUILD/tests/fuzz-money" "$BATS_TEST_TMPDIR/empty"
	[ "$status" -eq 0 ]
	assert_equal "$output" "0 inputs"
	run "$WF_BUILD/tests/fuzz-money" "$BATS_TEST_TMPDIR/missing"
	[ "$status" -ne 0 ]
}
