#!/usr/bin/env bash
# benches/generate.sh N DIR: a generated archive of N meetings in DIR/meetings,
# made from the two examples in meetings/: half the real notice of Lai Châu
# (2 sections, 10 tasks, 9 subtasks, 5 pages), half the Văn phòng draft with
# its ketluan.yaml and department codes (3 pages), each with its own number
# and summary. Used by benches/batch.sh and benches/archive.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
N=$1; DIR=$2
mkdir -p "$DIR/meetings/van-phong"
cp meetings/van-phong/ketluan.yaml "$DIR/meetings/van-phong/"
real=meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml
draft=meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml
for i in $(seq 1 $((N / 2))); do
  n=$(printf %04d "$i")
  sed -e "s/^  number: 25\$/  number: $i/" \
      -e "s/tại phiên họp UBND tỉnh tháng 01 năm 2021\$/tại phiên họp UBND tỉnh số $i/" \
      "$real" > "$DIR/meetings/ubnd-$n.yaml"
  sed -e "s/tuần 11 năm 2021/tuần 11 năm 2021 (số $i)/" \
      "$draft" > "$DIR/meetings/van-phong/vp-$n.yaml"
done
