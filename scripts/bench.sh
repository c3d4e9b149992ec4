#!/usr/bin/env bash
# Whole-process figures for BENCHMARKS.md (issue 7), measured side by side in one run on one generated store:
#   - `yufang gen` of N suggestions (time, peak memory);
#   - `yufang overdue --json` and `yufang snapshot --pane today` against `sqlite3` running the equivalent
#     overdue count and first-50 query on the same file (hyperfine, same run);
#   - the live app's first full screen in a pseudo-terminal (examples/first_frame.rs) and its idle CPU;
#   - peak memory (max RSS, /usr/bin/time) of each;
#   - when the binary has them: JSON export of the N suggestions, import of a 100,000-row CSV and of the
#     same office as a 100,000-row workbook (xlsx).
# Results go to target/bench-script/ (summary.md, hyperfine.md, raw JSON) and to standard output.
#
# usage: scripts/bench.sh [N] [RUNS]      N suggestions (default 1000000), RUNS hyperfine runs (default 10)
# Installs hyperfine, sqlite3 and GNU time with apt-get when missing. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
RUNS=${2:-10}
TODAY=2026-06-01
SEED=1
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/bench-script
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

apt_updated=
need() { # need COMMAND PACKAGE
    if ! command -v "$1" >/dev/null 2>&1; then
        [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
        apt-get install -y -qq "$2" >/dev/null
    fi
}
need hyperfine hyperfine
need sqlite3 sqlite3
[ -x /usr/bin/time ] || need /usr/bin/time time
need python3 python3

cargo build --release --quiet --bin yufang --example first_frame
Y=$(cd "$TARGET/release" && pwd)/yufang
FIRST_FRAME=$(cd "$TARGET/release/examples" && pwd)/first_frame

# A clean environment: English, no config file, no store from the environment.
unset YUFANG_DB YUFANG_TODAY YUFANG_LANG LC_ALL || true
export YUFANG_CONFIG=/nonexistent/yufang-bench.toml YUFANG_LANG=en LANG=C.UTF-8

DB=$OUT/office-$N.db
SUMMARY=$OUT/summary.md
rss() { # rss NAME COMMAND...: one run under /usr/bin/time, max RSS in KiB into $OUT/NAME.rss
    local name=$1; shift
    /usr/bin/time -f "%M" -o "$OUT/$name.rss" "$@" >/dev/null
}
kib() { cat "$OUT/$1.rss" 2>/dev/null || echo 0; }

{
    echo "## Machine"
    echo
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
    echo "- memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
    echo "- load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/sqlite3 CLI /'), $(hyperfine --version)"
    echo "- store: $N suggestions, seed $SEED, today $TODAY"
    echo
} >"$SUMMARY"

echo "== gen of $N suggestions"
hyperfine --runs 3 --prepare "rm -f '$DB' '$DB-wal' '$DB-shm' '$DB-journal'" \
    --export-json "$OUT/gen.json" -n "yufang gen" \
    "'$Y' --db '$DB' --today $TODAY gen --suggestions $N --seed $SEED"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
rss gen "$Y" --db "$DB" --today $TODAY gen --suggestions "$N" --seed $SEED
ls -l "$DB"

# The equivalent of the daily check's first section in plain SQL: the overdue count, then the first 50 rows
# with their recipients, through the same partial index.
OPEN="s.issued_on IS NOT NULL AND s.received_on IS NOT NULL AND s.replied_on IS NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL"
cat >"$OUT/overdue.sql" <<SQL
SELECT count(*) FROM suggestions s WHERE $OPEN AND s.reply_due < '$TODAY';
SELECT s.id, s.doc_no, u.name, s.reply_due, s.title FROM suggestions s JOIN units u ON u.id = s.recipient_id
 WHERE $OPEN AND s.reply_due < '$TODAY' ORDER BY s.reply_due, s.id LIMIT 50;
SQL

# `yufang overdue` checks seven sections, not one: the same in plain SQL, each section's count and first 50
# rows through its partial index (default settings: 14 days' warning, return visits 60 days after the reply
# or the last visit, case gaps after 30 days). The look-back dates are not rolled past rest days here.
# Dates are computed with GNU date, for today = $TODAY.
D() { date -d "$TODAY $1" +%F; }
SOON=$(D "+14 days"); WEEK=$(D "+7 days"); LOOKBACK=$(D "+14 days -60 days"); GAP=$(D "-30 days")
S="SELECT s.id, s.doc_no, u.name, s.title FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE"
FIRST="s.replied_on IS NOT NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL AND (s.last_visit_on IS NULL OR s.last_visit_on < s.replied_on)"
LOOK="s.replied_on IS NOT NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL AND coalesce(s.rectification, '') <> 'full' AND s.last_visit_on >= s.replied_on"
FILING="s.issued_on IS NOT NULL AND s.filed_on IS NULL AND s.withdrawn_on IS NULL"
INV="s.decided_on IS NOT NULL AND s.issued_on IS NULL AND s.withdrawn_on IS NULL"
ACT="a.done_on IS NULL AND a.kind NOT IN ('bribery_inquiry')"
GAPS="c.gap_from IS NOT NULL AND (c.has_analysis = 0 OR c.has_suggestion = 0) AND c.gap_from < '$GAP'"
cat >"$OUT/daily.sql" <<SQL
SELECT count(*) FROM suggestions s WHERE $OPEN AND s.reply_due < '$TODAY';
$S $OPEN AND s.reply_due < '$TODAY' ORDER BY s.reply_due, s.id LIMIT 50;
SELECT count(*) FROM suggestions s WHERE $OPEN AND s.reply_due BETWEEN '$TODAY' AND '$SOON';
$S $OPEN AND s.reply_due BETWEEN '$TODAY' AND '$SOON' ORDER BY s.reply_due, s.id LIMIT 50;
SELECT count(*) FROM suggestions s WHERE $FILING AND s.filing_due < '$TODAY';
$S $FILING AND s.filing_due < '$TODAY' ORDER BY s.filing_due, s.id LIMIT 50;
SELECT count(*) FROM suggestions s WHERE $FIRST AND s.visit_due <= '$SOON';
SELECT count(*) FROM suggestions s WHERE $LOOK AND s.last_visit_on <= '$LOOKBACK';
$S $FIRST AND s.visit_due <= '$SOON' ORDER BY s.visit_due, s.id LIMIT 50;
$S $LOOK AND s.last_visit_on <= '$LOOKBACK' ORDER BY s.last_visit_on, s.id LIMIT 50;
SELECT count(*) FROM suggestions s WHERE $INV AND s.investigation_due <= '$SOON';
$S $INV AND s.investigation_due <= '$SOON' ORDER BY s.investigation_due, s.id LIMIT 50;
SELECT count(*) FROM activities a WHERE $ACT AND a.planned_on <= '$WEEK';
SELECT a.id, a.title, u.name, c.case_no FROM activities a LEFT JOIN units u ON u.id = a.unit_id
 LEFT JOIN cases c ON c.id = a.case_id WHERE $ACT AND a.planned_on <= '$WEEK' ORDER BY a.planned_on, a.id LIMIT 50;
SELECT count(*) FROM cases c WHERE $GAPS;
SELECT c.id, c.case_no, u.name FROM cases c LEFT JOIN units u ON u.id = c.unit_id WHERE $GAPS
 ORDER BY c.gap_from, c.id LIMIT 50;
SQL

echo "== overdue and snapshot against sqlite3 ($RUNS runs each)"
# No shell in between (-N): the reference takes a few milliseconds, less than a shell's start-up noise.
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/compare.json" --export-markdown "$OUT/hyperfine.md" \
    -n "sqlite3 overdue count + first 50" "sqlite3 '$DB' '.read $OUT/overdue.sql'" \
    -n "sqlite3 seven sections: counts + first 50" "sqlite3 '$DB' '.read $OUT/daily.sql'" \
    -n "yufang overdue --json" "'$Y' --db '$DB' --today $TODAY overdue --json" \
    -n "yufang snapshot --pane today" "'$Y' --db '$DB' --today $TODAY snapshot --pane today --width 200 --height 50"
rss sqlite3 sh -c "sqlite3 '$DB' < '$OUT/overdue.sql'"
rss sqlite3-daily sh -c "sqlite3 '$DB' < '$OUT/daily.sql'"
rss overdue "$Y" --db "$DB" --today $TODAY overdue --json
rss snapshot "$Y" --db "$DB" --today $TODAY snapshot --pane today --width 200 --height 50

echo "== first full screen of the live app (200x50 pty)"
# The first start of a day copies the store into backups/ before its first frame: run 1 includes that copy.
rm -rf "$OUT/backups"
"$FIRST_FRAME" --runs 5 --idle 3 -- "$Y" --db "$DB" --today $TODAY | tee "$OUT/first_frame.txt"
"$FIRST_FRAME" --runs 1 -- /usr/bin/time -f "%M" -o "$OUT/live.rss" "$Y" --db "$DB" --today $TODAY >/dev/null

REPORT_S=
if "$Y" report --help >/dev/null 2>&1; then
    # Issue 12: the annual report of the generated store's last full year (about 50,000 suggestions), which
    # aggregates this year and last, the risk table over three years and both lists of the year's end.
    echo "== report --year 2025 --format md"
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/report.json.time" -n "yufang report --year 2025 --format md" \
        "'$Y' --db '$DB' --today $TODAY report --year 2025 --format md"
    rss report "$Y" --db "$DB" --today $TODAY report --year 2025 --format md
    REPORT_S=$OUT/report.json.time
fi

EXPORT_S=
IMPORT_S=
IMPORT_XLSX_S=
if "$Y" export --help >/dev/null 2>&1; then
    echo "== JSON export of $N suggestions"
    hyperfine --runs 3 --export-json "$OUT/export.json.time" -n "yufang export --format json" \
        "'$Y' --db '$DB' --today $TODAY export --format json --out '$OUT/export.json'"
    rss export "$Y" --db "$DB" --today $TODAY export --format json --out "$OUT/export.json"
    ls -l "$OUT/export.json"
    rm -f "$OUT/export.json"
    EXPORT_S=$OUT/export.json.time

    echo "== import of a 100,000-row CSV (the suggestions of a generated 100,000 store, with its units and cases)"
    SRC=$OUT/office-100000.db
    [ -f "$SRC" ] || "$Y" --db "$SRC" --today $TODAY gen --suggestions 100000 --seed $SEED
    rm -rf "$OUT/csv100k" && mkdir -p "$OUT/csv100k"
    if "$Y" --db "$SRC" --today $TODAY export --format csv --out "$OUT/csv100k" >/dev/null; then
        mapfile -t CSVS < <(ls "$OUT"/csv100k/*unit*.csv "$OUT"/csv100k/*case*.csv "$OUT"/csv100k/*suggestion*.csv 2>/dev/null)
        wc -l "${CSVS[@]}" || true
        hyperfine --runs 3 --prepare "rm -f '$OUT/import.db' '$OUT/import.db-wal' '$OUT/import.db-shm'" \
            --export-json "$OUT/import.json.time" -n "yufang import (100,000 suggestions CSV)" \
            "'$Y' --db '$OUT/import.db' --today $TODAY import ${CSVS[*]}" || echo "import failed"
        rm -f "$OUT/import.db" "$OUT/import.db-wal" "$OUT/import.db-shm"
        rss import "$Y" --db "$OUT/import.db" --today $TODAY import "${CSVS[@]}" || true
        [ -f "$OUT/import.json.time" ] && IMPORT_S=$OUT/import.json.time
    else
        echo "CSV export failed; import not measured"
    fi

    echo "== import of a 100,000-row workbook (the same office exported with --format xlsx; issue 13)"
    rm -f "$OUT/office-100000.xlsx"
    if "$Y" --db "$SRC" --today $TODAY export --format xlsx --out "$OUT/office-100000.xlsx" >/dev/null; then
        ls -l "$OUT/office-100000.xlsx"
        hyperfine --runs 3 --prepare "rm -f '$OUT/import.db' '$OUT/import.db-wal' '$OUT/import.db-shm'" \
            --export-json "$OUT/import_xlsx.json.time" -n "yufang import (100,000 suggestions xlsx)" \
            "'$Y' --db '$OUT/import.db' --today $TODAY import '$OUT/office-100000.xlsx'" || echo "import failed"
        rm -f "$OUT/import.db" "$OUT/import.db-wal" "$OUT/import.db-shm"
        rss import_xlsx "$Y" --db "$OUT/import.db" --today $TODAY import "$OUT/office-100000.xlsx" || true
        rm -f "$OUT/import.db" "$OUT/import.db-wal" "$OUT/import.db-shm"
        [ -f "$OUT/import_xlsx.json.time" ] && IMPORT_XLSX_S=$OUT/import_xlsx.json.time
    else
        echo "xlsx export failed; workbook import not measured"
    fi
else
    echo "== export/import: not in this build, skipped"
fi

python3 - "$OUT" "$N" "$EXPORT_S" "$IMPORT_S" "$IMPORT_XLSX_S" "$REPORT_S" >>"$SUMMARY" <<'PY'
import json, re, sys
out, n, export_s, import_s, import_xlsx_s, report_s = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
def times(path):
    try:
        return {r["command"]: r for r in json.load(open(path))["results"]}
    except (OSError, ValueError):
        return {}
def kib(name):
    try:
        return int(open(f"{out}/{name}.rss").read().split()[-1])
    except (OSError, ValueError, IndexError):
        return None
def mib(k):
    return "n/a" if k is None else f"{k / 1024:.1f} MiB"
def verdict(ok):
    return "**met**" if ok else "**not met**"
cmp = times(f"{out}/compare.json")
sq = cmp.get("sqlite3 overdue count + first 50")
sq7 = cmp.get("sqlite3 seven sections: counts + first 50")
ov = cmp.get("yufang overdue --json")
sn = cmp.get("yufang snapshot --pane today")
gen = times(f"{out}/gen.json").get("yufang gen")
try:
    ff = open(f"{out}/first_frame.txt").read()
except OSError:
    ff = ""
m = re.search(r"first_frame_ms median=([\d.]+) min=([\d.]+) max=([\d.]+)", ff)
idle = re.search(r"idle_cpu_ms=(\d+) over (\d+) s", ff)
rows = []
def ms(r):
    return r["median"] * 1000
if sq:
    rows.append(("sqlite3: overdue count + first 50 (reference)", f"{ms(sq):.1f} ms", mib(kib("sqlite3")), "", ""))
if sq7:
    rows.append(("sqlite3: the seven sections' counts + first 50 each (reference)", f"{ms(sq7):.1f} ms",
                 mib(kib("sqlite3-daily")), "", ""))
def against(r, limit):
    """The time against both references, and the verdict against the one-section reference."""
    x = r["median"] / sq["median"]
    text = f"{ms(r):.1f} ms ({x:.1f}x the overdue reference"
    if sq7:
        text += f", {r['median'] / sq7['median']:.1f}x the seven-section one"
    return text + ")", x
if ov and sq:
    text, x = against(ov, 2)
    rows.append(("`yufang overdue --json`", text, mib(kib("overdue")),
                 "≤ 2x sqlite3; < 32 MiB", f"time {verdict(x <= 2)}, memory {verdict((kib('overdue') or 1e9) < 32768)}"))
if sn and sq:
    text, x = against(sn, 3)
    rows.append(("`yufang snapshot --pane today`", text, mib(kib("snapshot")),
                 "≤ 3x sqlite3; < 32 MiB", f"time {verdict(x <= 3)}, memory {verdict((kib('snapshot') or 1e9) < 32768)}"))
first = re.search(r"run 1: first full screen after ([\d.]+) ms", ff)
if first:
    rows.append(("live app: first start of the day (run 1, with the daily backup)", f"{float(first.group(1)):.1f} ms", "", "< 50 ms",
                 verdict(float(first.group(1)) < 50)))
if m:
    med = float(m.group(1))
    rows.append(("live app: first full screen (200x50 pty)", f"{med:.1f} ms (min {m.group(2)}, max {m.group(3)})",
                 mib(kib("live")), "< 50 ms; < 32 MiB",
                 f"time {verdict(med < 50)}, memory {verdict((kib('live') or 1e9) < 32768)}"))
if idle:
    rows.append(("live app idle", f"{idle.group(1)} ms CPU in {idle.group(2)} s", "", "no CPU between keys",
                 verdict(int(idle.group(1)) == 0)))
if gen:
    rows.append((f"`yufang gen --suggestions {n}`", f"{gen['median']:.1f} s", mib(kib("gen")), "well under 60 s; < 64 MiB",
                 f"time {verdict(gen['median'] < 60)}, memory {verdict((kib('gen') or 1e9) < 65536)}"))
for label, path, name in (("`yufang export --format json` (all records)", export_s, "export"),
                          ("`yufang import` of a 100,000-row CSV", import_s, "import"),
                          ("`yufang import` of a 100,000-row workbook (xlsx)", import_xlsx_s, "import_xlsx")):
    r = next(iter(times(path).values()), None) if path else None
    if r:
        rows.append((label, f"{r['median']:.1f} s", mib(kib(name)), "< 64 MiB", f"memory {verdict((kib(name) or 1e9) < 65536)}"))
    else:
        rows.append((label, "not measured (not in this build)", "", "< 64 MiB", ""))
rep = next(iter(times(report_s).values()), None) if report_s else None
if rep:
    rows.append(("`yufang report --year 2025 --format md`", f"{ms(rep):.0f} ms", mib(kib("report")), "< 1 s; < 64 MiB",
                 f"time {verdict(rep['median'] < 1)}, memory {verdict((kib('report') or 1e9) < 65536)}"))
print("## Figures\n")
print("| what | median time | peak memory (max RSS) | target | |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
printf '\n- load after the run: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$SUMMARY"
echo
cat "$SUMMARY"
