#!/bin/sh
# The version of this tree: from git describe where there is a history
# (a tag v1.2.3 gives 1.2.3, 1.2.3-4-gabc1234 four commits on; with no
# tag yet, VERSION and the commit: 0.1.0-gabc1234; -dirty when the tree
# has changes), else the VERSION file alone, as in a tarball.
cd "$(dirname "$0")/.." || exit 1
base=$(cat VERSION)
if git rev-parse --git-dir >/dev/null 2>&1; then
	if v=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null); then
		echo "${v#v}"
		exit 0
	fi
	if v=$(git describe --always --dirty 2>/dev/null); then
		echo "$base-g$v"
		exit 0
	fi
fi
echo "$base"
