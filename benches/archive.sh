#!/usr/bin/env bash
# The archive at scale (issue 22): on a generated archive of 1,000 meetings
# (benches/generate.sh), how long `ketluan site` takes from nothing and after
# one meeting file changed, how long `ketluan report` takes over all its tasks
# and how much memory it needs, and, in Chromium, how long `ketluan serve`
# takes from saving a file to showing the change (benches/preview.py with
# the archive beside the meeting it edits).
#
#   bash benches/archive.sh                 # release build of this tree
#   BIN=/path/to/ketluan bash benches/archive.sh   # another build (before/after)
#   N=1000 PREVIEW=0 bash benches/archive.sh       # without the browser
#
# Needs GNU time (/usr/bin/time); chromium and chromedriver for the preview.
# Run it a minute or more after anything deleted thousands of files (another
# run of it, batch.sh): ext4 then skips the inodes freed in the last minute
# one by one, and creating the site's 4,000 files measures that (the cold
# site took 5.3 s after such a deletion and 3.9 s without it).
# Times are wall-clock, best of 3 (best of 5 after one change); peak memory is
# the process's maximum resident set (GNU time's %M). Figures go to
# docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ketluan-archive.XXXXXX")}
TIME=/usr/bin/time
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=target/release/ketluan; fi
BIN=$(realpath "$BIN")
[ -x "$TIME" ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$BIN ($($BIN --version)), $N meetings, in $WORK"
bash benches/generate.sh "$N" "$WORK"
tasks=$("$BIN" tasks "$WORK/meetings" --format json --today 2021-06-30 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

source benches/measure.sh
# best RUNS CMD...: the fastest of RUNS runs, "<ms> <peak KB>".
best() {
  local runs=$1 b=999999999 bk=0 ms kb; shift
  for _ in $(seq 1 "$runs"); do
    read -r ms kb < <(measure "$@")
    if [ "$ms" -lt "$b" ]; then b=$ms; bk=$kb; fi
  done
  echo "$b $bk"
}

SITE=("$BIN" site "$WORK/meetings" --today 2021-06-30)

# --- site, from nothing (a new folder each run) -------------------------------
cold=999999999; cold_kb=0
for run in 1 2 3; do
  read -r ms kb < <(measure "${SITE[@]}" --out "$WORK/site-$run")
  if [ "$ms" -lt "$cold" ]; then cold=$ms; cold_kb=$kb; fi
done

# --- site, after one meeting file changed -----------------------------------
# Each run renames one meeting, so its documents and its page
# change and the rest of the archive does not.
one=$WORK/meetings/ubnd-0007.yaml
orig=$(cat "$one")
change=999999999; change_kb=0
for run in 1 2 3 4 5; do
  printf '%s\n' "$orig" | sed "s/^  name: phiên họp tháng 01 năm 2021\$/  name: phiên họp tháng 01 năm 2021 (lần $run)/" > "$one"
  read -r ms kb < <(measure "${SITE[@]}" --out "$WORK/site-1")
  if [ "$ms" -lt "$change" ]; then change=$ms; change_kb=$kb; fi
done
printf '%s\n' "$orig" > "$one"
read -r nochange nochange_kb < <("${SITE[@]}" --out "$WORK/site-1" >/dev/null 2>&1; best 3 "${SITE[@]}" --out "$WORK/site-1")

# --- report over every task -------------------------------------------------
read -r report report_kb < <(best 3 "$BIN" report "$WORK/meetings" --today 2021-06-30 --out "$WORK/report")
read -r report_docx report_docx_kb < <(best 3 "$BIN" report "$WORK/meetings" --today 2021-06-30 --out "$WORK/report" --format docx)
read -r report_pdf report_pdf_kb < <(best 3 "$BIN" report "$WORK/meetings" --today 2021-06-30 --out "$WORK/report" --format pdf)
pages=$(pdfinfo "$WORK"/report/*.pdf 2>/dev/null | awk '/^Pages:/ {print $2}' || echo "?")

# --- preview in the browser -------------------------------------------------
preview="(not measured)"
if [ "${PREVIEW:-1}" != 0 ] && command -v chromedriver >/dev/null; then
  preview=$(BIN="$BIN" ARCHIVE="$WORK/meetings" python3 benches/preview.py 15 | head -1)
fi

echo
echo "| $N meetings, $tasks tasks | figure |"
echo "|---|---|"
echo "| \`site\`, from nothing (best of 3) | ${cold} ms, peak ${cold_kb} KB |"
echo "| \`site\` after one meeting file changed (best of 5) | ${change} ms, peak ${change_kb} KB |"
echo "| \`site\`, nothing changed (best of 3) | ${nochange} ms, peak ${nochange_kb} KB |"
echo "| \`report\`, DOCX + PDF/A ($pages pages; best of 3) | ${report} ms, peak ${report_kb} KB |"
echo "| \`report\`, DOCX only / PDF/A only | ${report_docx} ms, peak ${report_docx_kb} KB / ${report_pdf} ms, peak ${report_pdf_kb} KB |"
echo "| \`serve\`: saved → shown in Chromium | ${preview} |"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
