#!/usr/bin/env bash
# Runs every test: unit, HTTP integration on SQLite and PostgreSQL 15, browser (Chromium + axe).
# Installs what it needs when missing, starts a throwaway PostgreSQL cluster and stops it
# whatever happens. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light) # the load balancer of the multi-instance test, started by the test itself
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} …"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    # No package may start a system service here (nginx would take port 80): policy-rc.d refuses, for the install only.
    POLICY=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d && POLICY=1; fi
    $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
    installed=$?
    [ -n "$POLICY" ] && $SUDO rm -f /usr/sbin/policy-rc.d
    [ $installed -eq 0 ] || { echo "Could not install ${need[*]}"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# A throwaway PostgreSQL 15 cluster on a free port, owned by the postgres user (initdb refuses root).
PGBIN=/usr/lib/postgresql/15/bin
PGDIR=$(cd /tmp && runuser -u postgres -- mktemp -d /tmp/samverka-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
stop_pg() {
    (cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1)
    rm -rf "$PGDIR"
}
trap stop_pg EXIT INT TERM
(cd /tmp && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGDIR/initdb.log" 2>&1) \
    || { cat "$PGDIR/initdb.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
(cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null) \
    || { cat "$PGDIR/log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
export SAMVERKA_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres"

mkdir -p "$ROOT/test-artifacts"
LOG="$ROOT/test-artifacts/dotnet-test.log"
dotnet test --solution Samverka.slnx --no-progress 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform ends with one summary for the whole run: "total / failed / succeeded / skipped".
count() { grep -E "^[[:space:]]+$1:[[:space:]]+[0-9]+" "$LOG" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
