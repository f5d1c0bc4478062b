#!/usr/bin/env bash
# The archive benchmark: how fast `ketluan render` turns a folder of 1,000
# meetings into DOCX + PDF/A, how fast a no-change re-render is, one meeting
# as a whole process, and, for comparison on the same machine, pandoc
# (Markdown → DOCX) and LibreOffice (DOCX → PDF) on the same notice, and
# the sizes of the files each writes for it.
#
#   bash benches/batch.sh            # needs: cargo, GNU time (/usr/bin/time);
#                                    # pandoc and soffice for the comparison rows
#                                    # (skipped with a note when missing)
#   JOBS=2 N=1000 bash benches/batch.sh
#
# The 1,000 meetings are generated from the two examples in meetings/: half
# are the real notice of Lai Châu (2 sections, 10 tasks, 9 subtasks, 5 pages),
# half the Văn phòng draft with its ketluan.yaml and department codes
# (3 pages), each with its own number and summary. Times are wall-clock
# (best of 3 for the batch; median of 31 for one notice, timed by
# benches/one.py from spawn to exit); peak memory is the process's maximum
# resident set (GNU time's %M). The figures go to
# docs/performance.md. Run it on an idle machine: other processes on
# the same cores slow the wall-clock figures, not the CPU ones.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
JOBS=${JOBS:-$(nproc)}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ketluan-bench.XXXXXX")}
BIN=target/release/ketluan
TIME=/usr/bin/time

cargo build --release --quiet
[ -x "$TIME" ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ketluan $($BIN --version | cut -d' ' -f2), $N meetings, --jobs $JOBS, in $WORK"

# --- the archive -----------------------------------------------------------
mkdir -p "$WORK/meetings/van-phong"
cp meetings/van-phong/ketluan.yaml "$WORK/meetings/van-phong/"
real=meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml
draft=meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml
for i in $(seq 1 $((N / 2))); do
  n=$(printf %04d "$i")
  sed -e "s/^  number: 25\$/  number: $i/" \
      -e "s/tại phiên họp UBND tỉnh tháng 01 năm 2021\$/tại phiên họp UBND tỉnh số $i/" \
      "$real" > "$WORK/meetings/ubnd-$n.yaml"
  sed -e "s/tuần 11 năm 2021/tuần 11 năm 2021 (số $i)/" \
      "$draft" > "$WORK/meetings/van-phong/vp-$n.yaml"
done

# now_ns; run CMD...: prints "<seconds> <peak KB>" for one run of CMD.
measure() {
  local start end kb
  start=$(date +%s%N)
  kb=$("$TIME" -f %M "$@" 2>&1 >/dev/null | tail -1)
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $kb"
}

# --- 1,000 meetings, DOCX + PDF/A, from scratch ------------------------------
# Each run writes into a new folder, and the old ones are deleted only at the
# end: creating thousands of files just after deleting thousands measures the
# file system's inode allocator (on ext4 without a journal, inodes freed in the
# last minute are skipped one by one), not ketluan.
best_ms=999999999; best_kb=0
for run in 1 2 3; do
  read -r ms kb < <(cd "$WORK" && measure "$OLDPWD/$BIN" render meetings --out "output-$run" --jobs "$JOBS")
  echo "  batch run $run: ${ms} ms, peak ${kb} KB"
  if [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; best_kb=$kb; fi
done
files=$(find "$WORK/output-1" -name '*.pdf' | wc -l)
[ "$files" -eq "$N" ] || { echo "expected $N PDFs, found $files" >&2; exit 1; }
cpu=$( { cd "$WORK" && "$TIME" -f '%U %S' "$OLDPWD/$BIN" render meetings --out output-cpu --jobs "$JOBS" >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}')
pdf_kb=$(du -sk --apparent-size "$WORK/output-1" | cut -f1)

# --- no change -------------------------------------------------------------
nochange_ms=999999999; nochange_kb=0
for run in 1 2 3 4 5; do
  read -r ms kb < <(cd "$WORK" && measure "$OLDPWD/$BIN" render meetings --out output-1 --jobs "$JOBS")
  if [ "$ms" -lt "$nochange_ms" ]; then nochange_ms=$ms; nochange_kb=$kb; fi
done

# --- one meeting, whole process ----------------------------------------------
# Timed by benches/one.py (spawn to exit, median of 31 after a warm-up run,
# a fresh output folder each run), beside /bin/true timed the same way.
one() { # one FILE FORMATS → "median min" in ms
  python3 benches/one.py 31 "$WORK/one" "$BIN" render "$1" --out "$WORK/one" --format "$2"
}
true_ms=$(python3 benches/one.py 31 "$WORK/none" /bin/true)
one_real=$(one "$real" docx,pdf)
one_draft=$(one "$draft" docx,pdf)
one_real_docx=$(one "$real" docx)
one_kb=$(measure "$BIN" render "$real" --out "$WORK/one2" | cut -d' ' -f2)

# --- pandoc and LibreOffice on the same notice ---------------------------------
pandoc_ms="(pandoc not installed)"; soffice_ms="(soffice not installed)"
rm -rf "$WORK/one" && "$BIN" render "$real" --out "$WORK/one" --format docx >/dev/null 2>&1
docx="$WORK/one/$(basename "$real" .yaml).docx"
pandoc_size="-"; soffice_size="-"
if command -v pandoc >/dev/null; then
  pandoc "$docx" -t markdown -o "$WORK/notice.md"   # the same text, as pandoc's input
  pandoc_ms=$(python3 benches/one.py 31 "$WORK/none" pandoc "$WORK/notice.md" -o "$WORK/pandoc.docx" | cut -d' ' -f1)
  pandoc_kb=$(measure pandoc "$WORK/notice.md" -o "$WORK/pandoc.docx" | cut -d' ' -f2)
  pandoc_ms="$pandoc_ms ms, peak $pandoc_kb KB ($(pandoc --version | head -1))"
  pandoc_size=$(stat -c %s "$WORK/pandoc.docx")
fi
if command -v soffice >/dev/null; then
  profile="file://$WORK/lo-profile"
  soffice "-env:UserInstallation=$profile" --headless --convert-to pdf --outdir "$WORK/lo" "$docx" >/dev/null 2>&1  # first start sets the profile up
  soffice_ms=$(python3 benches/one.py 5 "$WORK/none" soffice "-env:UserInstallation=$profile" --headless --convert-to pdf --outdir "$WORK/lo" "$docx" | cut -d' ' -f1)
  soffice_kb=$(measure soffice "-env:UserInstallation=$profile" --headless --convert-to pdf --outdir "$WORK/lo" "$docx" | cut -d' ' -f2)
  soffice_ms="$soffice_ms ms, peak $soffice_kb KB (soffice's own process)"
  soffice_size=$(stat -c %s "$WORK/lo/$(basename "$docx" .docx).pdf")
fi

# --- file sizes of the real notice ---------------------------------------------
rm -rf "$WORK/sizes" && "$BIN" render "$real" --out "$WORK/sizes" >/dev/null 2>&1
our_docx=$(stat -c %s "$WORK/sizes/$(basename "$real" .yaml).docx")
our_pdf=$(stat -c %s "$WORK/sizes/$(basename "$real" .yaml).pdf")
rm -rf "$WORK/sizes-plain" && "$BIN" render "$real" --out "$WORK/sizes-plain" --format pdf --no-pdfa >/dev/null 2>&1
our_plain=$(stat -c %s "$WORK/sizes-plain/$(basename "$real" .yaml).pdf")

echo
echo "| measurement | figure |"
echo "|---|---|"
echo "| $N meetings → DOCX + PDF/A, from scratch, --jobs $JOBS (best of 3) | ${best_ms} ms wall, $(awk "BEGIN {printf \"%.0f\", $N * 1000 / $best_ms}") notices/s, peak ${best_kb} KB, ${cpu} s CPU; output ${pdf_kb} KB |"
echo "| $N meetings, nothing changed (best of 5) | ${nochange_ms} ms wall, peak ${nochange_kb} KB |"
echo "| one meeting, whole process, DOCX + PDF/A (real notice, 5 pages; median and fastest of 31) | ${one_real% *} ms (fastest ${one_real#* } ms), peak ${one_kb} KB; /bin/true: ${true_ms% *} ms |"
echo "| one meeting, whole process, DOCX + PDF/A (draft, 3 pages) | ${one_draft% *} ms |"
echo "| one meeting, whole process, DOCX only (real notice) | ${one_real_docx% *} ms |"
echo "| pandoc, the same notice as Markdown → DOCX (median of 31) | ${pandoc_ms} |"
echo "| LibreOffice, our DOCX → PDF, warm profile (median of 5) | ${soffice_ms} |"
echo
echo "| the real notice (5 pages) | DOCX | PDF |"
echo "|---|---|---|"
echo "| ketluan | ${our_docx} B | ${our_pdf} B (PDF/A-2b); ${our_plain} B (plain PDF 1.7) |"
echo "| pandoc, the same text as Markdown → DOCX | ${pandoc_size} B | - |"
echo "| LibreOffice, our DOCX → PDF | - | ${soffice_size} B |"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
