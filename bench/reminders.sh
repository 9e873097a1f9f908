#!/usr/bin/env bash
# The daily reminder pass at national scale: publishes the app (Release), seeds the bench data
# (bench-seed: 290 municipalities and 870 partnerships with ten years of history at scale 1.0)
# into a fresh database, and runs the pass (`reminders --today D`) as the operator command does,
# measuring wall time and peak memory (max RSS of the process). The baseline in the same run is
# the same pass at a tenth of the scale: the ratio of times against the ratio of deadlines shows
# whether the cost follows what is due. Each scale runs the pass twice on the same day; the second
# pass tells nobody anything new (the effect keys) and shows the fixed cost of checking.
# Usage: bench/reminders.sh [--postgres] [--scale S] [--today yyyy-mm-dd]
set -euo pipefail
cd "$(dirname "$0")/.."
PROVIDER=Sqlite; SCALE=1.0; TODAY=$(date -u +%F)
while [ $# -gt 0 ]; do
    case "$1" in
        --postgres) PROVIDER=PostgreSQL ;;
        --scale) SCALE=$2; shift ;;
        --today) TODAY=$2; shift ;;
        *) echo "Unknown option $1"; exit 2 ;;
    esac
    shift
done
BASE=$(python3 -c "print(float('$SCALE') / 10)")
WORK=$(mktemp -d /tmp/samverka-reminders.XXXXXX); PGDIR=""; PGBIN=/usr/lib/postgresql/15/bin
cleanup() {
    if [ -n "$PGDIR" ]; then (cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1); rm -rf "$PGDIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "Building (Release) …"
dotnet publish src/Samverka.Web -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
if [ "$PROVIDER" = PostgreSQL ]; then
    PGDIR=$(cd /tmp && runuser -u postgres -- mktemp -d /tmp/samverka-reminders-pg.XXXXXX)
    PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd /tmp && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null)
    (cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null)
fi
export Database__Provider=$PROVIDER ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Samverka__Jobs__Enabled=false \
       Email__Smtp__Host= Email__PickupDirectory= Samverka__BaseUrl=https://samverka.example

# Runs one command of the app, printing "seconds max-rss-MB" then its output.
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.time()
run = subprocess.run(["dotnet", "Samverka.Web.dll", *sys.argv[1:]], capture_output=True, text=True)
elapsed = time.time() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if run.returncode not in (0, 1):
    sys.stderr.write(run.stdout + run.stderr); sys.exit(run.returncode)
print(f"{elapsed:.2f} {rss:.0f}")
print(run.stdout.strip().splitlines()[0] if run.stdout.strip() else "")
PY
}

declare -A SECONDS_OF DEADLINES_OF
printf '\n| scale | pass | deadlines | reminders written | e-mails queued | the pass | whole command | peak memory |\n|---|---|---:|---:|---:|---:|---:|---:|\n'
for scale in "$BASE" "$SCALE"; do
    if [ "$PROVIDER" = PostgreSQL ]; then
        export ConnectionStrings__Samverka="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=reminders_${scale/./_}"
    else
        export ConnectionStrings__Samverka="Data Source=$WORK/reminders-$scale.db"
    fi
    (cd "$WORK/app" && dotnet Samverka.Web.dll bench-seed --scale "$scale" >/dev/null)
    for pass in first second; do
        out=$(cd "$WORK/app" && measure reminders --today "$TODAY")
        read -r secs rss <<<"$(echo "$out" | head -1)"
        line=$(echo "$out" | sed -n 2p)
        deadlines=$(echo "$line" | sed -E 's/^[0-9-]+: ([0-9]+) öppna.*/\1/')
        written=$(echo "$line" | sed -E 's/.* ([0-9]+) nya påminnelser.*/\1/')
        mails=$(echo "$line" | sed -E 's/.* ([0-9]+) e-brev.*/\1/')
        inside=$(echo "$line" | sed -E 's/.*\(([0-9.]+) s\)\.$/\1/')
        printf '| %s | %s | %s | %s | %s | %s s | %s s | %s MB |\n' "$scale" "$pass" "$deadlines" "$written" "$mails" "$inside" "$secs" "$rss"
        if [ "$pass" = first ]; then SECONDS_OF[$scale]=$inside; DEADLINES_OF[$scale]=$deadlines; fi
    done
done
python3 - "${SECONDS_OF[$BASE]}" "${SECONDS_OF[$SCALE]}" "${DEADLINES_OF[$BASE]}" "${DEADLINES_OF[$SCALE]}" <<'PY'
import sys
t0, t1, d0, d1 = map(float, sys.argv[1:])
print(f"\nLarge against small scale (first pass, inside the process): time {t1 / t0:.2f} ×, deadlines {d1 / max(d0, 1):.2f} ×.")
PY
