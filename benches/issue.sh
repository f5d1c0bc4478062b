#!/usr/bin/env bash
# Issuing at scale (issue 24): N copies of the Văn phòng's draft notice
# (default 1,000), each issued in turn with `ketluan issue --date`, the
# dates spread over 2021 in order. Prints the time of one issue (number,
# in-place edit, DOCX + PDF/A render, register row: the whole process),
# min / median / max, and checks the register: numbers 01…N in date order.
#
#   bash benches/issue.sh                       # release build of this tree
#   BIN=/path/to/ketluan N=200 bash benches/issue.sh
#
# Figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ketluan-issue.XXXXXX")}
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=target/release/ketluan; fi
BIN=$(realpath "$BIN")
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$BIN ($($BIN --version)), $N documents, in $WORK"
mkdir -p "$WORK/meetings"
cp meetings/van-phong/ketluan.yaml "$WORK/meetings/"
draft=meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml
for i in $(seq 1 "$N"); do
  sed -e "s/tuần 11 năm 2021/tuần 11 năm 2021 (số $i)/" "$draft" > "$WORK/meetings/vp-$(printf %04d "$i").yaml"
done
sync
cd "$WORK"
times=()
for i in $(seq 1 "$N"); do
  # Day of 2021 for the i-th of N: from 15 March to 31 December.
  day=$(( 73 + (i - 1) * 291 / N ))
  date=$(date -u -d "2021-01-01 + $day days" +%Y-%m-%d)
  start=$(date +%s%N)
  "$BIN" issue "meetings/vp-$(printf %04d "$i").yaml" --date "$date" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
python3 - "$WORK/so-van-ban-di/2021.csv" "${times[@]}" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
us = sorted(int(t) for t in sys.argv[2:])
numbers = [int(r["so"]) for r in rows]
assert numbers == list(range(1, len(rows) + 1)), "numbers 01…N"
assert all(a["ngay"] <= b["ngay"] for a, b in zip(rows, rows[1:])), "dates in order"
assert rows[0]["so"] == "01"
print(f"register: {len(rows)} rows, 01…{rows[-1]['so']}, dates {rows[0]['ngay']} … {rows[-1]['ngay']} in order")
print(f"one issue (ms): min {us[0]/1000:.1f}, median {statistics.median(us)/1000:.1f}, max {us[-1]/1000:.1f}")
PY
