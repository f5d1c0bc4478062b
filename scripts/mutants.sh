#!/usr/bin/env bash
# Mutation testing with cargo-mutants: plants small bugs (a changed
# operator, a function that returns a default, a deleted statement) in the
# modules whose promises the tests guard, one at a time, and runs the test
# targets that cover each module. A mutant the tests do not catch is a
# promise without a guard. Figures and the judged survivors: docs/testing.md, "What
# the tests are worth".
#
#   scripts/mutants.sh                 # every module below
#   scripts/mutants.sh linebreak site  # some of them
#   scripts/mutants.sh --in-diff BASE  # only the lines changed since git BASE
#   scripts/mutants.sh --iterate pages # again, only what the last run did not catch
#
# The mutants are built and tested in a git worktree of HEAD at
# target/mutants-tree (its own target folder, so builds are incremental
# and the working tree is never touched); results go to
# target/mutants/<module>/ (outcomes.json, missed.txt, caught.txt, …).
#
# A mutant that makes a loop endless is stopped after 150 s (the slowest
# target set runs in about 40 s here) and counted as caught ("timeout").
#
# LibreOffice and Chromium are left off the PATH for these runs: their
# checks take half a minute a run, and each mutant of the layout is also
# checked against the PDF's own lines, pages and positions. A second pass
# over what survived, with them (and 300 s a mutant):
#
#   MUTANTS_WITH_LIBREOFFICE=1 scripts/mutants.sh --iterate pages
#
# Under CI this script is not run (hours on two cores); it is for a
# developer's machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v cargo-mutants >/dev/null 2>&1 || cargo install --locked cargo-mutants

# module name → file(s) and the test targets that cover them. Left out:
# the byte-for-byte change detectors (tests/v1_outputs.rs, tests/sizes.rs),
# which catch any change to the output and so say nothing of which promise
# a mutant breaks; the fuzz target, whose cases are drawn at random (its
# verdict on a mutant would change from run to run); and, for the layout,
# tests/hostile_render.rs, half a minute a run for a 200 KB paragraph and
# 2,000 tasks (its layout checks are listed with the survivors).
declare -A FILES=(
  [linebreak]="src/linebreak.rs"
  [tracking]="src/tracking/mod.rs src/tracking/export.rs src/tracking/report.rs"
  [i18n]="src/i18n.rs"
  [site]="src/site/mod.rs src/site/chart.rs"
  [node]="src/model/node.rs"
  [diag]="src/diag.rs"
  [pages]="src/render/pages.rs"
)
declare -A TESTS=(
  [linebreak]="--lib --test centred_lines --test docx --test documents"
  [tracking]="--lib --test tasks --test tracking --test report --test report_template --test publish"
  [i18n]="--lib --test i18n --test cli"
  [site]="--lib --test publish --test tracking"
  [node]="--lib --test hostile_bad --test check_errors --test hostile_limits --test defaults --test schema"
  [diag]="--lib --test hostile_bad --test check_errors --test cli --test i18n"
  [pages]="--lib --test pdf --test documents --test centred_lines --test report"
)
ORDER=(linebreak tracking i18n site node diag pages)

# MUTANTS_TREE: another worktree, to run a second module side by side
# (copy target/mutants-tree/target into it first to skip the dependencies).
tree="${MUTANTS_TREE:-$root/target/mutants-tree}"
results="$root/target/mutants"
mkdir -p "$results"
if [ ! -d "$tree" ]; then
  git worktree add --detach "$tree" HEAD >/dev/null
fi
# The tree at HEAD, with nothing left of an interrupted run.
git -C "$tree" checkout --quiet --detach "$(git rev-parse HEAD)"
git -C "$tree" checkout --quiet -- .
git -C "$tree" clean --quiet -fd -- src tests

# A PATH without LibreOffice and Chromium (symbolic links to the rest).
nolo="$results/path"
if [ ! -d "$nolo" ] && [ -z "${MUTANTS_WITH_LIBREOFFICE:-}" ]; then
  mkdir -p "$nolo"
  IFS=: read -ra dirs <<<"$PATH"
  for d in "${dirs[@]}"; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
      b="$(basename "$f")"
      case "$b" in soffice | libreoffice | lowriter | chromium | chromium-browser | chromedriver) continue ;; esac
      [ -e "$nolo/$b" ] || ln -s "$f" "$nolo/$b"
    done
  done
fi

per_mutant=150
if [ -n "${MUTANTS_WITH_LIBREOFFICE:-}" ]; then
  nolo="$PATH"
  per_mutant=300
fi

run() { # name, then cargo-mutants arguments
  local name="$1"
  shift
  echo "== $name"
  # Without debug information: each mutant is linked into several test
  # binaries, and linking is most of an incremental build.
  (cd "$tree" && PATH="$nolo" CI= CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0 \
    cargo mutants --in-place --baseline skip --timeout "$per_mutant" \
    --output "$results/$name" "$@") || true
  local out="$results/$name/mutants.out"
  local caught missed timeout unviable
  caught=$(wc -l <"$out/caught.txt")
  missed=$(wc -l <"$out/missed.txt")
  timeout=$(wc -l <"$out/timeout.txt")
  unviable=$(wc -l <"$out/unviable.txt")
  local viable=$((caught + missed + timeout))
  echo "$name: $viable viable, $caught caught, $timeout timed out, $missed missed ($unviable unviable)"
}

if [ "${1:-}" = "--in-diff" ]; then
  base="${2:?--in-diff needs a git revision}"
  git diff "$base" -- src >"$results/in-diff.patch"
  # Every module's test targets, each once.
  declare -A seen=()
  tests=()
  for name in "${ORDER[@]}"; do
    read -ra t <<<"${TESTS[$name]}"
    for ((i = 0; i < ${#t[@]}; i++)); do
      arg="${t[$i]}"
      [ "$arg" = "--test" ] && { i=$((i + 1)); arg="--test ${t[$i]}"; }
      [ -n "${seen[$arg]:-}" ] && continue
      seen[$arg]=1
      read -ra a <<<"$arg"
      tests+=("${a[@]}")
    done
  done
  run in-diff --in-diff "$results/in-diff.patch" -- "${tests[@]}"
  exit 0
fi

iterate=()
if [ "${1:-}" = "--iterate" ]; then
  iterate=(--iterate)
  shift
fi
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${ORDER[@]}")
for name in "${names[@]}"; do
  [ -n "${FILES[$name]:-}" ] || { echo "no module $name (one of: ${ORDER[*]})" >&2; exit 2; }
  args=()
  for f in ${FILES[$name]}; do args+=(--file "$f"); done
  read -ra t <<<"${TESTS[$name]}"
  run "$name" "${iterate[@]}" "${args[@]}" -- "${t[@]}"
done
