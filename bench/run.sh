#!/usr/bin/env bash
# Load benchmark: generates data at a scale of the national picture (1.0 = 290 municipalities,
# 20 000 organisations), starts the app (Release, Production settings, embedded SQLite or
# PostgreSQL) on 127.0.0.1 and runs wrk against pages and API lists and a constant-response
# baseline endpoint in the same run. Prints requests/s, p50, p99 and each target's ratio to the
# baseline. Usage: bench/run.sh [scale] [--postgres] [--seconds N] [--connections N] [--partnerships N]
#   bench/run.sh 0.05 --ladder "3 30 100": the partnership targets (due list, list, one partnership's
#   overview) for an official whose municipality has 3, 30 and 100 ten-year partnerships, each on
#   fresh data in the same run, one request at a time and with --connections, with each p50's
#   ratio to the first step's; then the audit bytes per added activity after 1 and 100.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=1.0; PROVIDER=Sqlite; SECONDS_PER=10; CONNECTIONS=16; PER_MUNICIPALITY=3; LADDER=
while [ $# -gt 0 ]; do
    case "$1" in
        --postgres) PROVIDER=PostgreSQL ;;
        --seconds) SECONDS_PER=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --partnerships) PER_MUNICIPALITY=$2; shift ;;
        --ladder) LADDER=$2; shift ;;
        *) SCALE=$1 ;;
    esac
    shift
done

command -v wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
WORK=$(mktemp -d /tmp/samverka-bench.XXXXXX)
APP_PID=""; PGDIR=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    if [ -n "$PGDIR" ]; then (cd /tmp && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1); rm -rf "$PGDIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "Building (Release) …"
dotnet publish src/Samverka.Web -c Release -o "$WORK/app" --nologo -v quiet >/dev/null

if [ "$PROVIDER" = PostgreSQL ]; then
    PGDIR=$(cd /tmp && runuser -u postgres -- mktemp -d /tmp/samverka-bench-pg.XXXXXX); PGPORT=$(free_port)
    (cd /tmp && runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null)
    (cd /tmp && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null)
    export ConnectionStrings__Samverka="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=samverka_bench"
else
    export ConnectionStrings__Samverka="Data Source=$WORK/bench.db"
fi
# Production settings behind a TLS-terminating proxy, as deployed: requests carry X-Forwarded-Proto.
export Database__Provider=$PROVIDER ASPNETCORE_ENVIRONMENT=Production Bench__Enabled=true ReverseProxy__Enabled=true \
       RateLimiting__ApiPerMinute=100000000 RateLimiting__SignInPerMinute=100000000 Logging__LogLevel__Default=Warning

seed() { # $1: partnerships per municipality; fresh data each time
    if [ "$PROVIDER" = PostgreSQL ]; then
        psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "DROP DATABASE IF EXISTS samverka_bench WITH (FORCE)" postgres >/dev/null 2>&1 || true
    else
        rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm"
    fi
    echo "Generating data at scale $SCALE on $PROVIDER, $1 partnerships per municipality …"
    local start; start=$(date +%s)
    SEED=$(cd "$WORK/app" && dotnet Samverka.Web.dll bench-seed --scale "$SCALE" --partnerships-per-municipality "$1")
    TOKEN=$(tail -n 1 <<<"$SEED")
    AGREEMENT=$(awk '/^Agreement / {print $2}' <<<"$SEED")
    PARTNERSHIP=$(awk '/^Partnership / {print $2}' <<<"$SEED")
    grep -E '^Bench' <<<"$SEED" | sed 's/^/  /'
    echo "  generated in $(( $(date +%s) - start )) s"
}
start_app() {
    PORT=$(free_port)
    (cd "$WORK/app" && exec dotnet Samverka.Web.dll --urls "http://127.0.0.1:$PORT") >"$WORK/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
    BASE="http://127.0.0.1:$PORT"
}
stop_app() { kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
measure() { # name path auth connections -> prints a row, sets RPS and P50_MS
    local name=$1 path=$2 auth=$3 conns=$4 header code out p50
    header=(-H "X-Forwarded-Proto: https"); [ -n "$auth" ] && header+=(-H "Authorization: Bearer $TOKEN")
    code=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$BASE$path")
    [ "$code" = 200 ] || { echo "  $path answered $code; see $WORK/app.log"; tail -20 "$WORK/app.log"; exit 1; }
    out=$(wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${SECONDS_PER}s" --latency "${header[@]}" "$BASE$path")
    RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out"); P99=$(awk '$1=="99%" {print $2}' <<<"$out")
    P50_MS=$(awk -v v="$p50" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }')
    P50=$p50
}

if [ -n "$LADDER" ]; then
    printf '\nSamverka bench ladder  %s  scale %s  %s  %s cores  %ss per target\n' "$(date -u +%Y-%m-%d)" "$SCALE" "$PROVIDER" "$(nproc)" "$SECONDS_PER"
    declare -A FIRST
    for n in $LADDER; do
        seed "$n"; start_app
        measure baseline /bench/baseline "" "$CONNECTIONS"; base_rps=$RPS
        printf '%-44s %10s %10s %10s %8s %10s\n' "N=$n: target" "req/s" p50 p99 ratio "p50/N=${LADDER%% *}"
        for t in "due list (start page)|/api/v1/partnerships/due" "partnership list, page 1|/api/v1/partnerships?page=1&pageSize=25" \
                 "one partnership's overview|/api/v1/partnerships/$PARTNERSHIP/overview" \
                 "one partnership, every record|/api/v1/partnerships/$PARTNERSHIP"; do
            IFS='|' read -r name path <<<"$t"
            for conns in 1 "$CONNECTIONS"; do
                measure "$name" "$path" auth "$conns"
                key="$name/$conns"; [ -z "${FIRST[$key]:-}" ] && FIRST[$key]=$P50_MS
                printf '%-44s %10s %10s %10s %8s %10s\n' "$name, -c$conns" "$RPS" "$P50" "$P99" "$(awk -v a="$RPS" -v b="$base_rps" 'BEGIN { printf "%.3f", a / b }')" \
                    "$(awk -v a="$P50_MS" -v b="${FIRST[$key]}" 'BEGIN { printf "%.2f", a / b }')"
            done
        done
        stop_app
    done
    (cd "$WORK/app" && dotnet Samverka.Web.dll bench-audit --partnership "$PARTNERSHIP" --times 100)
    exit 0
fi

seed "$PER_MUNICIPALITY"
start_app

TARGETS=(
    "baseline|/bench/baseline|"
    "health (liveness, no database)|/health|"
    "health/ready (database round trip)|/health/ready|"
    "start page, anonymous|/|"
    "API /me without a token (401)|/api/v1/me|"
    "API /me|/api/v1/me|auth"
    "API cases, page 1|/api/v1/cases?page=1&pageSize=25|auth"
    "API agreements, page 1|/api/v1/agreements?page=1&pageSize=25|auth"
    "API organisations, page 1|/api/v1/organisations?page=1&pageSize=25|auth"
    "API organisations, deep page|/api/v1/organisations?page=400&pageSize=25|auth"
    "API organisations, search|/api/v1/organisations?q=Scoutk&page=2|auth"
    "API municipalities|/api/v1/municipalities|auth"
    "API agreement (Söråker budget)|/api/v1/agreements/$AGREEMENT|auth"
    "agreement PDF/A (cached per version)|/api/v1/agreements/$AGREEMENT/document.pdf|auth"
    "agreement Word (cached per version)|/api/v1/agreements/$AGREEMENT/document.docx|auth"
    "dashboard: what is due (start page)|/api/v1/partnerships/due|auth"
    "API partnership overview|/api/v1/partnerships/$PARTNERSHIP/overview|auth"
    "API partnership, ten years of history|/api/v1/partnerships/$PARTNERSHIP|auth"
    "API partnerships, page 1|/api/v1/partnerships?page=1&pageSize=25|auth"
)

printf '\nSamverka bench  %s  scale %s  %s  %s cores  wrk -t2 -c%s -d%ss\n' "$(date -u +%Y-%m-%d)" "$SCALE" "$PROVIDER" "$(nproc)" "$CONNECTIONS" "$SECONDS_PER"
printf '%-38s %10s %10s %10s %8s\n' target "req/s" p50 p99 ratio
base_rps=""
for t in "${TARGETS[@]}"; do
    IFS='|' read -r name path auth <<<"$t"
    header=(-H "X-Forwarded-Proto: https"); [ -n "$auth" ] && header+=(-H "Authorization: Bearer $TOKEN")
    code=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$BASE$path")
    { [ "$code" = 200 ] || { [ -z "$auth" ] && [ "$code" = 401 ]; }; } || { echo "  $path answered $code; see $WORK/app.log"; tail -20 "$WORK/app.log"; exit 1; }
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER}s" --latency "${header[@]}" "$BASE$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    [ -z "$base_rps" ] && base_rps=$rps
    ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.3f", a / b }')
    printf '%-38s %10s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "$ratio"
done

# How long one agreement takes to render, in process (no HTTP, no cache): mean of 20 after a warm-up.
printf '\n'
(cd "$WORK/app" && dotnet Samverka.Web.dll bench-render --agreement "$AGREEMENT" --times 20)
