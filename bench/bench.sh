#!/usr/bin/env bash
# The city-scale benchmark (issue 7), run by `./expediente bench`, which first installs what is missing
# (wrk included), builds the jars and starts the launcher's PostgreSQL. See bench/README.md.
#
#   ./expediente bench [--scale 0.25,1.0] [--quick] [--full] [--units grid|medellin] [--indicator CODE]
#                      [--overlay LAYER] [--db-set jit=off]
#
# For each scale: a fresh database (expediente_bench) on the launcher's cluster, the generated city,
# the indicator engine timed in-process against reference SQL, then the application started from a copy
# of its jar on its own ports (8180, MapServer 8181) and run directory, loaded with wrk and pgbench.
# Prints a table and the targets of the issue, met or missed; everything is kept under
# .expediente/bench-results/<date>/. Ends by itself within a time budget (9.5 min; --quick 2.5 min): every
# load run is bounded, repetitions are capped, and an engine section that would not fit (the ten-year
# battery at scale 1) is reported as not run. --full runs every section, with a 30 min budget for repetitions.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
STATE="${EXPEDIENTE_HOME:-$ROOT/.expediente}"
DB_PORT="${EXPEDIENTE_DB_PORT:-55432}"
DB_USER="${EXPEDIENTE_DB_USER:-expediente}"
DB_PASSWORD="${EXPEDIENTE_DB_PASSWORD:-expediente}"
DB_NAME="${EXPEDIENTE_BENCH_DB:-expediente_bench}"
APP_PORT="${EXPEDIENTE_BENCH_PORT:-8180}"
MS_PORT="${EXPEDIENTE_BENCH_MAPSERVER_PORT:-8181}"
RUN="$STATE/bench-run"
GEODATA="${EXPEDIENTE_GEODATA:-$ROOT/../shared/geodata/medellin}"
JAR="$ROOT/modules/app/target/expediente.jar"
BENCH_JAR="$ROOT/modules/bench/target/expediente-bench.jar"
PG_BIN="${EXPEDIENTE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
JAVA_OPTS="${EXPEDIENTE_JAVA_OPTS:--Xmx512m}"
ENGINE_YEAR=2025        # the year of the one-year battery and of the per-indicator comparison
HTTP_YEAR=$ENGINE_YEAR  # the year the OGC and viewer requests ask for (computed in every case)
YEARS=2016-2025
BUDGET_S="${EXPEDIENTE_BENCH_BUDGET_S:-}"      # seconds for the whole run: 570 (9.5 min), --quick 150, --full 1800

say()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mError:\033[0m %s\n' "$1" >&2; [ -n "${2:-}" ] && printf 'How to fix: %s\n' "$2" >&2; exit 1; }
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

# ---------------------------------------------------------------------------------------------- options
SCALES=""
QUICK=false
FULL=false
UNITS=""
INDICATOR="ep_efectivo_hab"
OVERLAY="zonas_amenaza"
DB_SETTINGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALES="${2:-}"; shift 2 ;;
    --scale=*) SCALES="${1#*=}"; shift ;;
    --quick) QUICK=true; shift ;;
    --full) FULL=true; shift ;;
    --units) UNITS="${2:-}"; shift 2 ;;
    --indicator) INDICATOR="${2:-}"; shift 2 ;;
    --overlay) OVERLAY="${2:-}"; shift 2 ;;
    --db-set) DB_SETTINGS+=("${2:-}"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done
if [ -z "$SCALES" ]; then SCALES=$([ "$QUICK" = true ] && echo 0.1 || echo 1.0); fi
IFS=',' read -r -a SCALE_LIST <<<"$SCALES"
for s in "${SCALE_LIST[@]}"; do
  [[ "$s" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v s="$s" 'BEGIN { exit !(s >= 0.001 && s <= 10) }' \
    || fail "--scale takes numbers between 0.001 and 10 separated by commas, not '$s'" "for example: --scale 0.25,1.0"
done
[[ "$INDICATOR" =~ ^[a-z][a-z0-9_]{2,40}$ ]] || fail "--indicator takes an indicator code, not '$INDICATOR'"
[[ "$OVERLAY" =~ ^[a-z][a-z0-9_]{2,60}$ ]] || fail "--overlay takes a WMS layer name, not '$OVERLAY'"
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "EXPEDIENTE_BENCH_DB must be a plain database name"
for kv in ${DB_SETTINGS[@]+"${DB_SETTINGS[@]}"}; do
  [[ "$kv" =~ ^[a-z_]+=[A-Za-z0-9_.]+$ ]] || fail "--db-set takes name=value (a PostgreSQL setting), not '$kv'"
done
if [ -z "$UNITS" ]; then
  UNITS=grid
  [ -f "$GEODATA/comunas_corregimientos.geojson" ] && [ -f "$GEODATA/barrios_catastro.geojson" ] \
    && [ -f "$GEODATA/veredas.geojson" ] && command -v ogr2ogr >/dev/null && UNITS=medellin
fi
[ "$UNITS" = grid ] || [ "$UNITS" = medellin ] || fail "--units is grid or medellin"

if [ "$QUICK" = true ]; then
  REPS_YEAR=2; REPS_ALL=1; REPS_IND=2; D_LAT=2; D_THR=2; D_OTHER=2; D_WARM=1; SLICES=2; HTTP_RESERVE=60
else
  REPS_YEAR=3; REPS_ALL=2; REPS_IND=3; D_LAT=6; D_THR=8; D_OTHER=5; D_WARM=3; SLICES=3; HTTP_RESERVE=170
fi
D_WARM="${EXPEDIENTE_BENCH_WARMUP_S:-$D_WARM}"
[[ "$D_WARM" =~ ^[0-9]+$ ]] || fail "EXPEDIENTE_BENCH_WARMUP_S must be a number of seconds"
[ -n "$BUDGET_S" ] || BUDGET_S=$( if [ "$FULL" = true ]; then echo 1800; elif [ "$QUICK" = true ]; then echo 150; else echo 570; fi )
[[ "$BUDGET_S" =~ ^[0-9]+$ ]] || fail "EXPEDIENTE_BENCH_BUDGET_S must be a number of seconds"

for tool in wrk curl psql java; do command -v "$tool" >/dev/null || fail "$tool not found" "run it as ./expediente bench, which installs it"; done
[ -x "$PG_BIN/pgbench" ] || fail "pgbench not found in $PG_BIN" "install postgresql-15 (./expediente bench does)"
[ -f "$JAR" ] && [ -f "$BENCH_JAR" ] || fail "the jars are not built" "./mvnw -B -DskipTests package (./expediente bench does)"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$APP_PORT" && fail "port $APP_PORT is taken" "choose another: EXPEDIENTE_BENCH_PORT=8190 ./expediente bench"
port_busy "$MS_PORT" && fail "port $MS_PORT is taken" "choose another: EXPEDIENTE_BENCH_MAPSERVER_PORT=8191 ./expediente bench"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$STATE/bench-results/$STAMP"
mkdir -p "$OUT" "$RUN"
RESULTS="$OUT/results.tsv"
printf 'scale\tsection\tmeasurement\tn\tp50\tp90\tmin\tmax\tunit\tnote\n' >"$RESULTS"
STARTED=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
DEADLINE=$(( STARTED + BUDGET_S ))
export PGPASSWORD="$DB_PASSWORD"
JDBC_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/$DB_NAME"

psql_db()   { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" "$@"; }
psql_meta() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d postgres "$@"; }
now_ms()    { date +%s%3N; }
run_tag()   { printf '%s%05d' "$(date +%s%N)" "$RANDOM"; }   # unique per wrk run: cache-busting values never repeat
# row SCALE SECTION MEASUREMENT N P50 P90 MIN MAX UNIT NOTE
row() { local IFS=$'\t'; printf '%s\n' "$*" >>"$RESULTS"; }
declare -A M   # metrics for the targets, keyed "<scale>.<name>"

# Median, p90 (linear interpolation between closest ranks, as in EngineBench), min, max of a column of numbers.
stats() { sort -g | awk '{ v[NR] = $1 } END {
  if (NR == 0) { print "0 nan nan nan nan"; exit }
  split("50 90", ps, " "); for (k = 1; k <= 2; k++) { r = ps[k] / 100 * (NR - 1); lo = int(r); hi = (r > lo) ? lo + 1 : lo;
    q[k] = v[lo + 1] + (v[hi + 1] - v[lo + 1]) * (r - lo) }
  printf "%d %.2f %.2f %.2f %.2f\n", NR, q[1], q[2], v[1], v[NR] }'; }

# ------------------------------------------------------------------------------------------ application
APP_PID=""
SAMPLER_PID=""
app_start() {
  local scale="$1"
  cp "$JAR" "$RUN/expediente.jar"   # a copy: a rebuild must not pull the jar from under the JVM
  EXPEDIENTE_DEMO=false EXPEDIENTE_DB_URL="$JDBC_URL" EXPEDIENTE_DB_USER="$DB_USER" EXPEDIENTE_DB_PASSWORD="$DB_PASSWORD" \
    EXPEDIENTE_RUN_DIR="$RUN/run" EXPEDIENTE_PORT="$APP_PORT" EXPEDIENTE_MAPSERVER_PORT="$MS_PORT" \
    nohup java $JAVA_OPTS -jar "$RUN/expediente.jar" >"$OUT/app-$scale.log" 2>&1 &
  APP_PID=$!
  local t0; t0=$(now_ms)
  for _ in $(seq 1 180); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$OUT/app-$scale.log" >&2; APP_PID=""; fail "the application stopped during start-up" "see $OUT/app-$scale.log"; }
    curl -fs "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null || fail "the application was not ready within 180 s" "see $OUT/app-$scale.log"
  row "$scale" app "start-up until ready (java -jar, mapfile published)" 1 "$(( $(now_ms) - t0 ))" "" "" "" ms "pid $APP_PID, $JAVA_OPTS"
}

app_stop() {
  rss_stop
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
  # MapServer workers left by an application killed hard: only those of this run directory.
  local p
  for p in $(pgrep -f "$RUN/run/lighttpd.conf" || true); do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done
}

rss_start() {
  local pid="$1" file="$2"
  ( while kill -0 "$pid" 2>/dev/null; do awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null; sleep 0.5; done ) >"$file" &
  SAMPLER_PID=$!
}
rss_stop() { if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi; }

trap 'app_stop' EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------- load
# check URL TYPE_PATTERN: the response must be 200 with that content type (else show what came back)
check() {
  local url="$1" want="$2" meta
  meta=$(curl -s -o "$OUT/last-body" -w '%{http_code} %{content_type}' "$url") || fail "no answer from $url"
  case "$meta" in
    "200 "*$want*) ;;
    *) head -c 600 "$OUT/last-body" >&2; echo >&2; fail "unexpected answer ($meta) from $url" "see $OUT for the logs" ;;
  esac
}

# CPU time (ms) used so far by the application, its MapServer workers and the PostgreSQL backends of the
# benchmark database: "app mapserv postgres" (from /proc/<pid>/stat, utime + stime)
cpu_ms() {
  local tick app=0 ms=0 pg=0 p lp
  tick=$(getconf CLK_TCK)
  ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
  [ -n "$APP_PID" ] && app=$(ticks "$APP_PID")
  for lp in $(pgrep -f "$RUN/run/lighttpd.conf" || true); do
    for p in $(pgrep -P "$lp" || true); do ms=$(( ms + $(ticks "$p") )); done
  done
  for p in $(pgrep -f "postgres: $DB_USER $DB_NAME " || true); do pg=$(( pg + $(ticks "$p") )); done
  echo "$(( app * 1000 / tick )) $(( ms * 1000 / tick )) $(( pg * 1000 / tick ))"
}

# wrk_once KEY BASE PATHS THREADS CONNS SECONDS MODE: one bounded wrk run, added to the accumulator of KEY
# (A[KEY.*]): requests, seconds, bytes, errors, CPU used meanwhile, and the run's latency percentiles.
declare -A A
wrk_once() {
  local key="$1" base="$2" paths="$3" t="$4" c="$5" d="$6" mode="$7" out line kv cpu0 cpu1
  cpu0=$(cpu_ms)
  out=$(wrk -t"$t" -c"$c" -d"${d}s" --timeout 30s -s "$BENCH/wrk/paths.lua" "$base" -- "$paths" "$t" "$mode" "$(run_tag)" 2>&1) \
    || { echo "$out" >&2; fail "wrk failed on $base"; }
  cpu1=$(cpu_ms)
  echo "$out" >>"$OUT/wrk.txt"
  line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; fail "wrk printed no result"; }
  declare -A r=()
  for kv in ${line#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
  [ "${r[non2xx]}" = 0 ] || fail "$key: ${r[non2xx]} non-2xx answers from $base" "see the application log in $OUT"
  A[$key.slices]=$(( ${A[$key.slices]:-0} + 1 ))
  A[$key.requests]=$(( ${A[$key.requests]:-0} + r[requests] ))
  A[$key.errors]=$(( ${A[$key.errors]:-0} + r[errors] ))
  A[$key.bytes]=$(( ${A[$key.bytes]:-0} + r[bytes] ))
  A[$key.seconds]=$(awk -v a="${A[$key.seconds]:-0}" -v b="${r[seconds]}" 'BEGIN { print a + b }')
  A[$key.cpu]=$(awk -v a="${A[$key.cpu]:-0 0 0}" -v x="$cpu0" -v y="$cpu1" 'BEGIN { split(a, s, " "); split(x, b, " "); split(y, e, " ");
    printf "%d %d %d", s[1] + e[1] - b[1], s[2] + e[2] - b[2], s[3] + e[3] - b[3] }')
  if [ "${r[requests]}" -gt 0 ]; then
    A[$key.p50]+=" ${r[p50]}"; A[$key.p90]+=" ${r[p90]}"; A[$key.p99]+=" ${r[p99]}"; A[$key.min]+=" ${r[min]}"; A[$key.max]+=" ${r[max]}"
  fi
}

# record SCALE KEY LABEL THREADS CONNS: the accumulated runs of KEY as one row; sets M[scale.key_rps|_p50].
# Over several alternating slices, latency percentiles are the medians of the slices' (min, max: extremes).
record() {
  local scale="$1" short="$2" label="$3" t="$4" c="$5" n rps cpu key="$1.$2"
  n=${A[$key.requests]:-0}
  if [ "$n" = 0 ]; then
    row "$scale" http "$label" 0 "" "" "" "" ms "no response completed within ${A[$key.seconds]:-?} s (${t} threads, ${c} conn)"
    return 0
  fi
  med() { tr ' ' '\n' <<<"$1" | grep . | stats | cut -d' ' -f2; }
  rps=$(awk -v n="$n" -v s="${A[$key.seconds]}" 'BEGIN { printf "%.1f", n / s }')
  cpu=$(awk -v c="${A[$key.cpu]}" -v n="$n" 'BEGIN { split(c, x, " "); printf "app %.2f, mapserv %.2f, postgres %.2f", x[1] / n, x[2] / n, x[3] / n }')
  M[$scale.${short}_rps]=$rps; M[$scale.${short}_p50]=$(med "${A[$key.p50]}")
  M[$scale.${short}_cpu]=$(awk -v c="${A[$key.cpu]}" -v n="$n" 'BEGIN { split(c, x, " "); printf "%.3f %.3f %.3f", x[1] / n, x[2] / n, x[3] / n }')
  row "$scale" http "$label" "$n" "$(med "${A[$key.p50]}")" "$(med "${A[$key.p90]}")" \
    "$(tr ' ' '\n' <<<"${A[$key.min]}" | grep . | sort -g | head -n 1)" "$(tr ' ' '\n' <<<"${A[$key.max]}" | grep . | sort -g | tail -n 1)" ms \
    "$rps req/s (${t} threads, ${c} conn, ${A[$key.seconds]} s$([ "${A[$key.slices]}" -gt 1 ] && echo " in ${A[$key.slices]} slices alternating with its pair")); p99 $(med "${A[$key.p99]}") ms; $(( A[$key.bytes] / n )) bytes/response; CPU ms/request: $cpu$([ "${A[$key.errors]}" = 0 ] || echo "; ${A[$key.errors]} socket errors or timeouts")"
}

# wrk_run SCALE KEY LABEL BASE PATHS THREADS CONNS SECONDS MODE: one measured run
wrk_run() {
  wrk_once "$1.$2" "$4" "$5" "$6" "$7" "$8" "$9"
  record "$1" "$2" "$3" "$6" "$7"
}

# pair_run SCALE THREADS CONNS SECONDS(each) MODE KEY_A LABEL_A BASE_A PATHS_A KEY_B LABEL_B BASE_B PATHS_B: A and B
# (MapServer direct and the public URL) in alternating slices, so that a disturbance from outside (other
# programs on the machine) falls on both alike
pair_run() {
  local scale="$1" t="$2" c="$3" d="$4" mode="$5" i slice
  slice=$(awk -v d="$d" -v n="$SLICES" 'BEGIN { s = d / n; print (s < 1 ? 1 : int(s + 0.5)) }')
  for i in $(seq 1 "$SLICES"); do
    wrk_once "$scale.$6" "$8" "$9" "$t" "$c" "$slice" "$mode"
    wrk_once "$scale.${10}" "${12}" "${13}" "$t" "$c" "$slice" "$mode"
  done
  record "$scale" "$6" "$7" "$t" "$c"
  record "$scale" "${10}" "${11}" "$t" "$c"
}

# pgb_run SCALE KEY LABEL SCRIPT SECONDS: the bare SQL under pgbench (1 client, prepared statements), recorded
pgb_run() {
  local scale="$1" key="$2" label="$3" script="$4" d="$5" dir s n p50 p90 min max
  dir=$(mktemp -d "$OUT/pgbench.XXXX")
  (cd "$dir" && "$PG_BIN/pgbench" -n -M prepared -c 1 -T "$d" -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" \
      -D code="$INDICATOR" -D year="$HTTP_YEAR" -f "$script" --log --log-prefix=tx "$DB_NAME" >"$dir/out.txt" 2>&1) \
    || { cat "$dir/out.txt" >&2; fail "pgbench failed on $script"; }
  s=$(cat "$dir"/tx* | awk '{ print $3 / 1000 }' | stats)
  read -r n p50 p90 min max <<<"$s"
  M[$scale.${key}_p50]=$p50
  row "$scale" http "$label" "$n" "$p50" "$p90" "$min" "$max" ms \
    "$(awk -v n="$n" -v d="$d" 'BEGIN { printf "%.1f", n / d }') tx/s (pgbench, 1 client, prepared, ${d} s)"
  rm -rf "$dir"
}

http_bench() {
  local scale="$1" dir="$OUT/scale-$1" base="http://127.0.0.1:$APP_PORT" direct="http://127.0.0.1:$MS_PORT" n p50 p90 min max
  local wms="SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&CRS=EPSG:3857&WIDTH=256&HEIGHT=256&FORMAT=image/png"
  local wfs="SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=${INDICATOR}_barrio_${HTTP_YEAR}&OUTPUTFORMAT=geojson"
  # MapServer direct gets the mapfile the application's proxy picks for the same request (MapfileRouting:
  # the indicator's own mapfile, alias = its code in capitals; the full one, EXPEDIENTE, for anything else)
  local alias; alias=$(tr '[:lower:]' '[:upper:]' <<<"$INDICATOR")
  mkdir -p "$dir"
  psql_db -At -f "$BENCH/sql/tiles.sql" >"$dir/tiles.txt"
  local tiles; tiles=$(wc -l <"$dir/tiles.txt")
  awk -v q="$wms&LAYERS=${INDICATOR}_barrio" '{ print "/ogc/wms?" q "&BBOX=" $0 }' "$dir/tiles.txt" >"$dir/choropleth-public.txt"
  awk -v q="map=$alias&$wms&LAYERS=${INDICATOR}_barrio" '{ print "/mapserv?" q "&BBOX=" $0 }' "$dir/tiles.txt" >"$dir/choropleth-direct.txt"
  awk -v q="$wms&LAYERS=$OVERLAY&TRANSPARENT=TRUE" '{ print "/ogc/wms?" q "&BBOX=" $0 }' "$dir/tiles.txt" >"$dir/overlay-public.txt"
  awk -v q="map=EXPEDIENTE&$wms&LAYERS=$OVERLAY&TRANSPARENT=TRUE" '{ print "/mapserv?" q "&BBOX=" $0 }' "$dir/tiles.txt" >"$dir/overlay-direct.txt"
  head -n 64 "$dir/choropleth-public.txt" >"$dir/cached.txt"
  echo "/ogc/wfs?$wfs" >"$dir/wfs-public.txt"; echo "/mapserv?map=$alias&$wfs" >"$dir/wfs-direct.txt"
  echo "/ogc/api/collections/${INDICATOR}_barrio/items?datetime=${HTTP_YEAR}&limit=1000&f=json" >"$dir/ogcapi.txt"
  echo "/api/units?level=barrio" >"$dir/units.txt"
  echo "/api/indicators/${INDICATOR}/values?level=barrio&year=${HTTP_YEAR}" >"$dir/values.txt"
  for f in choropleth overlay; do
    check "$base$(head -n 1 "$dir/$f-public.txt")" image/png
    check "$direct$(head -n 1 "$dir/$f-direct.txt")" image/png
  done
  check "$base$(cat "$dir/wfs-public.txt")" json
  local features; features=$(grep -o '"type": *"Feature"' "$OUT/last-body" | wc -l)
  check "$direct$(cat "$dir/wfs-direct.txt")" json
  check "$base$(cat "$dir/ogcapi.txt")" json
  check "$base$(cat "$dir/units.txt")" json
  check "$base$(cat "$dir/values.txt")" json

  rss_start "$APP_PID" "$dir/rss.txt"
  # Not start-up: the JVM compiles the request paths first. 3 s per endpoint is not the end of it (the C2
  # compiler keeps working for about two minutes of tile load; EXPEDIENTE_BENCH_WARMUP_S=60 goes further).
  say "Scale $scale: warming the application up (${D_WARM} s per public endpoint, not measured)"
  while read -r p; do curl -fs -o /dev/null "$base$p"; done <"$dir/cached.txt"
  local w file mode conns
  for w in choropleth-public:bust:4 cached:cycle:16 wfs-public:bust:2 ogcapi:cycle:1 units:cycle:1 values:cycle:1; do
    IFS=: read -r file mode conns <<<"$w"
    wrk -t1 -c"$conns" -d"${D_WARM}s" --timeout 30s -s "$BENCH/wrk/paths.lua" "$base" -- "$dir/$file.txt" 1 "$mode" "$(run_tag)" \
      >/dev/null 2>&1 || true
  done
  say "Scale $scale: WMS tiles ($tiles distinct 256x256 tiles, zoom 13-16; cold: every request distinct)"
  for f in choropleth overlay; do
    local what; what=$([ $f = choropleth ] && echo "choropleth ${INDICATOR}_barrio" || echo "overlay $OVERLAY")
    pair_run "$scale" 1 1 "$D_LAT" bust \
      "${f}_direct_c1" "WMS $what, MapServer direct, 1 conn, cold" "$direct" "$dir/$f-direct.txt" \
      "${f}_public_c1" "WMS $what, public /ogc/wms, 1 conn, cold" "$base" "$dir/$f-public.txt"
    pair_run "$scale" 2 4 "$D_THR" bust \
      "${f}_direct_c4" "WMS $what, MapServer direct, 4 conn, cold" "$direct" "$dir/$f-direct.txt" \
      "${f}_public_c4" "WMS $what, public /ogc/wms, 4 conn, cold" "$base" "$dir/$f-public.txt"
  done
  say "Scale $scale: cached repeat tiles, WFS, OGC API, viewer data"
  wrk_run "$scale" cached "WMS choropleth, public, 64 repeated tiles (data-version cache), 16 conn" "$base" "$dir/cached.txt" 1 16 "$D_OTHER" cycle
  pair_run "$scale" 2 2 "$D_OTHER" bust \
    wfs_direct "WFS GetFeature all barrios GeoJSON ($features features), MapServer direct, 2 conn" "$direct" "$dir/wfs-direct.txt" \
    wfs_public "WFS GetFeature all barrios GeoJSON, public /ogc/wfs, 2 conn, cold" "$base" "$dir/wfs-public.txt"
  wrk_run "$scale" ogcapi "OGC API items, all barrios of ${HTTP_YEAR} (public /ogc/api), 1 conn" "$base" "$dir/ogcapi.txt" 1 1 "$D_OTHER" cycle
  pgb_run "$scale" ogcapi_bare "OGC API items: the bare PostGIS queries (count + ST_AsGeoJSON page)" "$BENCH/sql/bare/ogcapi_items.sql" "$D_OTHER"
  wrk_run "$scale" units "viewer: /api/units?level=barrio (GeoJSON), 1 conn" "$base" "$dir/units.txt" 1 1 "$D_OTHER" cycle
  pgb_run "$scale" units_bare "viewer: the bare ST_AsGeoJSON query of /api/units" "$BENCH/sql/bare/units.sql" "$D_OTHER"
  wrk_run "$scale" values "viewer: /api/indicators/${INDICATOR}/values, barrios, ${HTTP_YEAR}, 1 conn" "$base" "$dir/values.txt" 1 1 "$D_OTHER" cycle
  pgb_run "$scale" values_bare "viewer: the bare queries of /values (years, values)" "$BENCH/sql/bare/values.sql" "$D_OTHER"
  local hwm; hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$APP_PID/status")
  rss_stop
  read -r n p50 p90 min max <<<"$(awk '{ print $1 / 1024 }' "$dir/rss.txt" | stats)"
  M[$scale.rss_max]=$max; M[$scale.rss_hwm]=$(( hwm / 1024 ))
  row "$scale" app "application RSS during the HTTP load (VmRSS every 0.5 s)" "$n" "$p50" "$p90" "$min" "$max" MB \
    "peak since start (VmHWM) $(( hwm / 1024 )) MB; $JAVA_OPTS"
}

load_medellin() {
  psql_db -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS bench_src CASCADE" -c "CREATE SCHEMA bench_src"
  local pair
  for pair in comunas:comunas_corregimientos barrios:barrios_catastro veredas:veredas; do
    PGPASSWORD="$DB_PASSWORD" ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$DB_PORT dbname=$DB_NAME user=$DB_USER" \
      "$GEODATA/${pair#*:}.geojson" -overwrite -nln "bench_src.${pair%%:*}" -lco GEOMETRY_NAME=geom -lco FID=ogc_fid \
      -lco SPATIAL_INDEX=NONE -nlt PROMOTE_TO_MULTI >>"$OUT/ogr2ogr.log" 2>&1 \
      || fail "ogr2ogr could not load $GEODATA/${pair#*:}.geojson" "see $OUT/ogr2ogr.log, or use --units grid"
  done
}

bench_scale() {
  local scale="$1" t0 dir="$OUT/scale-$1"
  mkdir -p "$dir"
  say "Scale $scale: database $DB_NAME on 127.0.0.1:$DB_PORT (units: $UNITS)"
  psql_meta -v db="$DB_NAME" <<'SQL'
DROP DATABASE IF EXISTS :"db" WITH (FORCE);
CREATE DATABASE :"db";
SQL
  local kv
  for kv in ${DB_SETTINGS[@]+"${DB_SETTINGS[@]}"}; do
    psql_meta -v db="$DB_NAME" -v name="${kv%%=*}" -v value="${kv#*=}" <<<'ALTER DATABASE :"db" SET :"name" = :'"'"'value'"'"';'
  done
  EXPEDIENTE_DB_URL="$JDBC_URL" EXPEDIENTE_DB_USER="$DB_USER" EXPEDIENTE_DB_PASSWORD="$DB_PASSWORD" \
    java -Xmx1g -jar "$BENCH_JAR" migrate >"$dir/migrate.log" 2>&1 </dev/null \
    || { tail -n 20 "$dir/migrate.log" >&2; fail "migrating $DB_NAME failed" "see $dir/migrate.log"; }
  [ "$UNITS" = medellin ] && load_medellin
  say "Scale $scale: generating the city (bench/sql/generate_city.sql)"
  t0=$(now_ms)
  psql_db -v scale="$scale" -v units="$UNITS" -f "$BENCH/sql/generate_city.sql" >"$dir/generate.txt"
  row "$scale" data "generate_city.sql (units $UNITS), then VACUUM ANALYZE" 1 "$(( $(now_ms) - t0 ))" "" "" "" ms \
    "$(awk -F'|' '/layers.dwelling|layers.public_space|layers.hazard_zone/ { gsub(/ /, "", $1); gsub(/ /, "", $3); printf "%s%s %s", sep, $1, $3; sep = ", " }' "$dir/generate.txt") in force in 2025"
  sed -n '/table/,$p' "$dir/generate.txt"

  local budget
  # what is left, less the HTTP part of this and later scales and the data of later scales, shared by
    # the remaining scales in proportion to their size
  budget=$(awk -v left=$(( DEADLINE - $(date +%s) )) -v s="$scale" -v rest="$2" -v later="$3" -v http="$HTTP_RESERVE" \
    'BEGIN { b = (left - http * (later + 1) - 45 * later) * s / rest; print (b < 30 ? 30 : int(b)) }')
  say "Scale $scale: indicator engine (in-process) against reference SQL (time budget ${budget} s$([ "$FULL" = true ] && echo ', every section runs'))"
  EXPEDIENTE_DB_URL="$JDBC_URL" EXPEDIENTE_DB_USER="$DB_USER" EXPEDIENTE_DB_PASSWORD="$DB_PASSWORD" \
    java -Xmx1g -jar "$BENCH_JAR" engine --year "$ENGINE_YEAR" --years "$YEARS" --reps-year "$REPS_YEAR" \
      --reps-all "$REPS_ALL" --reps-indicator "$REPS_IND" --references "$BENCH/sql/reference" --out "$dir" --budget-s "$budget" --full "$FULL" \
      >"$dir/engine.log" 2>&1 </dev/null || { tail -n 30 "$dir/engine.log" >&2; fail "the engine benchmark failed" "see $dir/engine.log"; }
  # (a non-blank separator: read would merge the empty fields of tab-separated lines)
  while IFS=$'\037' read -r section item n p50 p90 min max unit note; do
    row "$scale" "$section" "$item" "$n" "$p50" "$p90" "$min" "$max" "$unit" "$note"
    case "$item" in
      "battery, 1 year"*) M[$scale.battery1]=$p50 ;;
      "battery, "*" years"*) M[$scale.battery10]=$p50; M[$scale.battery10_note]=$note ;;
    esac
  done < <(tr '\t' '\037' <"$dir/engine.tsv")
  if grep -q $'years.*\tNOT RUN' "$dir/engine.tsv"; then
    psql_db -v year="$ENGINE_YEAR" -f "$BENCH/sql/fill_years.sql" >/dev/null
    row "$scale" data "values of $ENGINE_YEAR copied to the other years (ten-year battery not run)" 1 "" "" "" "" "" \
      "so that the OGC layers (one per indicator, level and year) have their real number (bench/sql/fill_years.sql)"
  fi

  say "Scale $scale: starting the application on port $APP_PORT (MapServer $MS_PORT)"
  app_start "$scale"
  http_bench "$scale"
  app_stop
}

# ---------------------------------------------------------------------------------------------- report
machine() {
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit:  $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "stack:   $(psql_meta -tAc 'SELECT version()' | cut -d' ' -f1-2), PostGIS $(psql_db -tAc 'SELECT postgis_lib_version()' 2>/dev/null || echo '?'), $(mapserv -v 2>/dev/null | head -n 1 | cut -d' ' -f1-3), $(java -version 2>&1 | head -n 1)"
  echo "load:    $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1, 5, 15 min; other programs on this machine disturb the figures)"
  echo "options: scales $SCALES, units $UNITS, indicator $INDICATOR, overlay $OVERLAY$([ "$QUICK" = true ] && echo ', quick')$([ "$FULL" = true ] && echo ', full')$([ ${#DB_SETTINGS[@]} -gt 0 ] && echo ", database settings ${DB_SETTINGS[*]}")"
}

# verdict NAME MEASURED GOAL CONDITION(awk, m = measured) DISPLAY: one line of the targets table
verdict() {
  local ok
  if [ -z "$2" ] || [ -z "$4" ]; then ok="not measured"
  else ok=$(awk -v m="$2" "BEGIN { print (($4) ? \"met\" : \"MISSED\") }"); fi
  printf '  %-62s %-26s %-36s %s\n' "$1" "$3" "$5" "$ok"
}
m() { echo "${M[$1]:-}"; }
# ratio A B: A / B when both are known
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; fi; }

targets() {
  local s f d p r code note
  for s in "${SCALE_LIST[@]}"; do
    echo "Targets at scale $s (issue 7; 2 cores):"
    printf '  %-62s %-26s %-36s %s\n' "target" "goal" "measured" ""
    verdict "battery for one year" "$(m "$s.battery1")" "<= 10 s" "m <= 10000" \
      "$(awk -v m="$(m "$s.battery1")" 'BEGIN { printf "%.1f s", m / 1000 }')"
    if [ -n "$(m "$s.battery10")" ]; then
      verdict "battery for ten years" "$(m "$s.battery10")" "<= 60 s" "m <= 60000" \
        "$(awk -v m="$(m "$s.battery10")" 'BEGIN { printf "%.1f s", m / 1000 }')"
    else
      verdict "battery for ten years" "" "<= 60 s" "" "not run ($(sed -n 's/.*NOT RUN: \(about [0-9]* s\).*/\1/p' <<<"$(m "$s.battery10_note")"))"
    fi
    while IFS=$'\037' read -r code note; do
      r=$(sed -n 's/.*ratio \([0-9.]*\).*/\1/p' <<<"$note")
      verdict "indicator $code vs its reference" "$r" "<= 1.5x" "m <= 1.5" "${r:+${r}x}"
    done < <(awk -F'\t' -v s="$s" '$1 == s && $2 == "indicator" { print $3 "\037" $10 }' "$RESULTS")
    for f in choropleth overlay; do
      d=$(m "$s.${f}_direct_c4_rps"); p=$(m "$s.${f}_public_c4_rps"); r=$(ratio "$p" "$d")
      verdict "WMS $f: public throughput vs direct (4 conn)" "$r" ">= 0.85x direct" "m >= 0.85" "${r:+${r}x ($p vs $d req/s)}"
      d=$(m "$s.${f}_direct_c1_p50"); p=$(m "$s.${f}_public_c1_p50")
      verdict "WMS $f: public median latency (1 conn)" "$p" "<= 1.2 x direct + 2 ms" "${d:+m <= 1.2 * $d + 2}" "${p:+$p vs $d ms}"
    done
    d=$(m "$s.wfs_direct_rps"); p=$(m "$s.wfs_public_rps"); r=$(ratio "$p" "$d")
    verdict "WFS GetFeature: public throughput vs direct (2 conn)" "$r" ">= 0.85x direct" "m >= 0.85" "${r:+${r}x ($p vs $d req/s)}"
    d=$(m "$s.wfs_direct_p50"); p=$(m "$s.wfs_public_p50")
    verdict "WFS GetFeature: public median latency (2 conn)" "$p" "<= 1.2 x direct + 2 ms" "${d:+m <= 1.2 * $d + 2}" "${p:+$p vs $d ms}"
    verdict "cached repeat tiles" "$(m "$s.cached_rps")" ">= 2000 req/s" "m >= 2000" "$(m "$s.cached_rps") req/s"
    verdict "viewer values, one indicator-year, barrios (median)" "$(m "$s.values_p50")" "<= 20 ms" "m <= 20" \
      "$(m "$s.values_p50") ms (bare SQL $(m "$s.values_bare_p50") ms)"
    verdict "viewer units of a level (median; once per level)" "$(m "$s.units_p50")" "<= 20 ms" "m <= 20" \
      "$(m "$s.units_p50") ms (bare SQL $(m "$s.units_bare_p50") ms)"
    verdict "application RSS under load (max VmRSS sampled)" "$(m "$s.rss_max")" "<= 600 MB" "m <= 600" "$(m "$s.rss_max") MB"
    echo
  done
}

print_table() {
  awk -F'\t' 'NR > 1 {
      printf "%-5s %-9s %-80s %6s %9s %9s %9s %9s %-3s %s\n", $1, $2, substr($3, 1, 80), $4, $5, $6, $7, $8, $9, $10 }
    NR == 1 { printf "%-5s %-9s %-80s %6s %9s %9s %9s %9s %-3s %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$RESULTS"
}

markdown() {
  echo "| scale | section | measurement | n | p50 | p90 | min | max | unit | note |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$RESULTS"
}

# ----------------------------------------------------------------------------------------------- main
say "Benchmark: scales $SCALES, units $UNITS$([ "$QUICK" = true ] && echo ' (quick)'); results in $OUT"
i=0
for s in "${SCALE_LIST[@]}"; do
  rest=$(printf '%s\n' "${SCALE_LIST[@]:$i}" | awk '{ t += $1 } END { print t }')
  bench_scale "$s" "$rest" $(( ${#SCALE_LIST[@]} - i - 1 ))
  i=$(( i + 1 ))
done
{
  machine
  echo "total:   $(( $(date +%s) - STARTED )) s"
  echo
  print_table
  echo
  echo "n: repetitions (engine) or requests/transactions (HTTP, SQL); times in ms unless the unit says otherwise."
  echo
  targets
} | tee "$OUT/report.txt"
{ echo '```'; machine; echo '```'; echo; markdown; echo; echo '```'; targets; echo '```'; } >"$OUT/report.md"
say "Done in $(( $(date +%s) - STARTED )) s: $OUT/report.txt (and report.md, results.tsv, logs)"
