#!/usr/bin/env bash
# The spreadsheet loop at scale (issue 23): on a generated archive of 1,000
# meetings (benches/generate.sh), how long `tasks --split-by-lead` takes to
# write every unit's workbook, and how long `tasks apply --write` takes to
# apply 1,000 answers, one task done in each meeting file, from one CSV.
#
#   bash benches/apply.sh                       # release build of this tree
#   BIN=/path/to/ketluan N=1000 bash benches/apply.sh
#
# Times are wall-clock, best of 3; each apply runs on its own copy of the
# archive, made (and synced) before the workbooks are measured, so that the
# copies' dirty pages are not what apply's flush writes. Deleting thousands
# of files just before (a test run, an earlier copy) slows the next 1,000
# files created: ext4 skips the inodes freed in the last minutes one by one
# (perf: recently_deleted); wait a few minutes after such a run. Needs GNU
# time (/usr/bin/time). Figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ketluan-apply.XXXXXX")}
TIME=/usr/bin/time
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=target/release/ketluan; fi
BIN=$(realpath "$BIN")
[ -x "$TIME" ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }
TODAY=2021-06-30

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$BIN ($($BIN --version)), $N meetings, in $WORK"
bash benches/generate.sh "$N" "$WORK"
source benches/measure.sh

# The answers: the first open task of each meeting file, done on 1 June.
"$BIN" tasks "$WORK/meetings" --status open --format json --today "$TODAY" |
  python3 -c '
import json, sys
seen, rows = set(), ["Mã nhiệm vụ;Tình trạng;Ngày hoàn thành"]
for t in json.load(sys.stdin):
    if t["meeting"] not in seen:
        seen.add(t["meeting"])
        rows.append(t["id"] + ";đã hoàn thành;01/06/2021")
open(sys.argv[1], "w", encoding="utf-8-sig").write("\r\n".join(rows) + "\r\n")
print(len(rows) - 1, "answers")
' "$WORK/answers.csv"

for run in 1 2 3; do cp -r "$WORK/meetings" "$WORK/copy-$run"; done
sync

export_ms=999999999; export_kb=0
for run in 1 2 3; do
  read -r ms kb < <(measure "$BIN" tasks "$WORK/meetings" --today "$TODAY" --split-by-lead --out "$WORK/workbooks-$run")
  if [ "$ms" -lt "$export_ms" ]; then export_ms=$ms; export_kb=$kb; fi
done
echo "workbooks: $(ls "$WORK/workbooks-1" | wc -l) files"

apply_ms=999999999; apply_kb=0
dry_ms=999999999
for run in 1 2 3; do
  read -r ms _ < <(measure "$BIN" tasks apply "$WORK/answers.csv" -m "$WORK/meetings" --today "$TODAY")
  if [ "$ms" -lt "$dry_ms" ]; then dry_ms=$ms; fi
  read -r ms kb < <(measure "$BIN" tasks apply "$WORK/answers.csv" -m "$WORK/copy-$run" --today "$TODAY" --write)
  if [ "$ms" -lt "$apply_ms" ]; then apply_ms=$ms; apply_kb=$kb; fi
done
changed=$(cd "$WORK" && { diff -rq meetings copy-1 || true; } | wc -l)
"$BIN" tasks apply "$WORK/answers.csv" -m "$WORK/copy-1" --today "$TODAY" >/dev/null 2>"$WORK/again.txt" || true
echo "apply: $changed meeting files changed; applied again: $(tail -1 "$WORK/again.txt")"

printf '%-48s %8s %10s\n' "what" "ms" "peak MB"
printf '%-48s %8d %10d\n' "tasks --split-by-lead (every workbook)" "$export_ms" $((export_kb / 1024))
printf '%-48s %8d %10s\n' "tasks apply, without --write (read, check, plan)" "$dry_ms" ""
printf '%-48s %8d %10d\n' "tasks apply --write (1,000 answers)" "$apply_ms" $((apply_kb / 1024))
