#!/bin/sh
# pg-cluster.sh start DIR | stop DIR: a throwaway PostgreSQL cluster for
# the tests, from Debian's postgresql package.
#
#   start  initdb in DIR/data (as an unprivileged user when the caller is
#          root: PostgreSQL refuses to run as root), listening on a Unix
#          socket in DIR/sock only (no TCP at all), started; prints the
#          lines to eval: PGHOST, PGPORT, PGUSER, PGDATABASE=postgres.
#   stop   stop it (fast), and remove DIR whole, whatever state it is in.
#
# A caller stops it from a trap or teardown, so that a failed test never
# leaves a server running.
set -eu
cmd=${1:?usage: pg-cluster.sh start|stop DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}
# The port names the socket file only (there is no TCP); not the usual
# 5432, so that a test that nothing answers on the loopback is not
# answered by a server of the machine's own.
port=59432

# The server's programs: pg_config's folder, else Debian's newest.
bindir=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "pg-cluster.sh: no PostgreSQL server (install Debian's postgresql: make deps)" >&2
	exit 69
fi

# Who runs the server: the caller, or nobody when the caller is root.
if [ "$(id -u)" = 0 ]; then
	user=nobody
	as() { runuser -u "$user" -- "$@"; }
else
	user=$(id -un)
	as() { "$@"; }
fi

case $cmd in
start)
	mkdir -p "$dir/sock"
	[ "$user" = "$(id -un)" ] || chown -R "$user" "$dir"
	as "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 \
		--no-locale >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 70
	}
	as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -c port=$port -c fsync=off" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 70
	}
	echo "PGHOST=$dir/sock"
	echo "PGPORT=$port"
	echo "PGUSER=$user"
	echo "PGDATABASE=postgres"
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop \
			>/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pg-cluster.sh start|stop DIR" >&2
	exit 64
	;;
esac
