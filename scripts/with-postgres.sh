#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: Debian's binaries, a temporary folder, a
# free port on 127.0.0.1, PTCE_DATABASE_URL pointing at it. The cluster is stopped and removed at
# the end, whether the command passed or not; the command's exit status is kept.
#   bash scripts/with-postgres.sh npm run -w server test
set -euo pipefail

bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL is not installed (bash scripts/setup.sh installs it)" >&2
  exit 1
fi

# initdb and the server refuse to run as root: they run as the package's unprivileged user.
as_db=()
if [ "$(id -u)" = 0 ]; then as_db=(runuser -u postgres --); fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ptce-pg-XXXXXX")
[ ${#as_db[@]} -eq 0 ] || chown postgres "$dir"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

cleanup() {
  "${as_db[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_db[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_db[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

status=0
PTCE_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@" || status=$?
exit $status
