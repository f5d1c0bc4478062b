# Sourced by benches/batch.sh and benches/archive.sh.
# measure CMD...: "<ms> <peak KB>" for one run of CMD: wall-clock from
# `date`, the maximum resident set from GNU time (/usr/bin/time, as $TIME).
measure() {
  local start end kb
  start=$(date +%s%N)
  kb=$("$TIME" -f %M "$@" 2>&1 >/dev/null | tail -1)
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $kb"
}
