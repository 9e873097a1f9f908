#!/usr/bin/env bash
# Crash durability: starts the app (Release) on a fresh database with the demo data, lets a client
# log activities in the Stenungsund partnership as fast as the app acknowledges them, kills the app
# with kill -9 at a random moment, restarts it, and checks that every acknowledged write is there
# and the database is sound (SQLite: PRAGMA integrity_check). Repeats for --rounds rounds and prints
# the figures: writes acknowledged, writes lost, rounds.
# Usage: bench/crash.sh [--postgres] [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/.."
PROVIDER=Sqlite; ROUNDS=20
while [ $# -gt 0 ]; do
    case "$1" in
        --postgres) PROVIDER=PostgreSQL ;;
        --rounds) ROUNDS=$2; shift ;;
        *) echo "Unknown option $1"; exit 2 ;;
    esac
    shift
done

WORK=$(mktemp -d /tmp/samverka-crash.XXXXXX)
APP_PID=""; WRITER_PID=""; PGDIR=""; PGBIN=/usr/lib/postgresql/15/bin
cleanup() {
    [ -n "$WRITER_PID" ] && kill "$WRITER_PID" 2>/dev/null || true
    [ -n "$APP_PID" ] && { kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; } || true
    if [ -n "$PGDIR" ]; then (cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1); rm -rf "$PGDIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "Building (Release) …"
dotnet publish src/Samverka.Web -c Release -o "$WORK/app" --nologo -v quiet >/dev/null

if [ "$PROVIDER" = PostgreSQL ]; then
    PGDIR=$(cd /tmp && runuser -u postgres -- mktemp -d /tmp/samverka-crash-pg.XXXXXX); PGPORT=$(free_port)
    (cd /tmp && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null)
    (cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null)
    export ConnectionStrings__Samverka="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=samverka_crash"
    titles() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d samverka_crash -Atc "SELECT \"Title\" FROM \"Activities\" WHERE \"Title\" LIKE 'Krasch %'"; }
    sound() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d samverka_crash -Atc "SELECT COUNT(*) FROM \"AuditEntries\"" >/dev/null && echo ok; }
else
    export ConnectionStrings__Samverka="Data Source=$WORK/crash.db"
    titles() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('\n'.join(r[0] for r in c.execute(\"SELECT Title FROM Activities WHERE Title LIKE 'Krasch %'\")))" "$WORK/crash.db"; }
    sound() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$WORK/crash.db"; }
fi
export Database__Provider=$PROVIDER ASPNETCORE_ENVIRONMENT=Development Demo__SeedData=true Logging__LogLevel__Default=Warning \
       RateLimiting__ApiPerMinute=100000000 Samverka__Jobs__Enabled=false

start_app() {
    PORT=$(free_port)
    (cd "$WORK/app" && exec dotnet Samverka.Web.dll --urls "http://127.0.0.1:$PORT") >>"$WORK/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return 0; sleep 0.5; done
    echo "The app did not start; see $WORK/app.log"; tail -20 "$WORK/app.log"; exit 1
}

start_app
TOKEN=$(cd "$WORK/app" && dotnet Samverka.Web.dll create-token --email handlaggare@stenungsund.example --name krasch --days 1 2>/dev/null | tail -n 1)
PARTNERSHIP=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partnerships?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
TODAY=$(date -u +%F)
: >"$WORK/acked"

for round in $(seq 1 "$ROUNDS"); do
    (
        i=0
        while true; do
            i=$((i + 1)); title="Krasch $round.$i"
            code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                -d "{\"date\":\"$TODAY\",\"title\":\"$title\"}" "http://127.0.0.1:$PORT/api/v1/partnerships/$PARTNERSHIP/activities" || true)
            [ "$code" = 200 ] && echo "$title" >>"$WORK/acked"
        done
    ) &
    WRITER_PID=$!
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.5, 2.5), 2))')"
    kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
    kill "$WRITER_PID" 2>/dev/null; wait "$WRITER_PID" 2>/dev/null || true; WRITER_PID=""
    start_app
    state=$(sound)
    lost=$(comm -23 <(sort -u "$WORK/acked") <(titles | sort -u) | wc -l)
    printf 'round %2d: %5d acknowledged so far, %d lost, database %s\n' "$round" "$(wc -l <"$WORK/acked")" "$lost" "$state"
    [ "$lost" = 0 ] && [ "$state" = ok ] || { echo "Acknowledged writes were lost or the database is damaged."; exit 1; }
done

printf '\nSamverka crash durability  %s  %s  %s rounds of kill -9: %d writes acknowledged, 0 lost, database sound after every restart\n' \
    "$(date -u +%Y-%m-%d)" "$PROVIDER" "$ROUNDS" "$(wc -l <"$WORK/acked")"
