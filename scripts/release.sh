#!/usr/bin/env bash
# Builds the release archives of ketluan into dist/:
#
#   ketluan-<version>-x86_64-pc-windows-gnu.zip       ketluan.exe
#   ketluan-<version>-x86_64-unknown-linux-gnu.tar.gz ketluan
#   SHA256SUMS
#
# each with README.md, the licences (LICENSE-MIT, LICENSE-APACHE), the
# embedded fonts' licence (LICENSE-OFL.txt) and THIRD-PARTY-LICENSES.md (the
# crates compiled in, scripts/third_party.py). The Windows program is
# cross-compiled with mingw (Debian: gcc-mingw-w64-x86-64; rustup target
# add x86_64-pc-windows-gnu) and needs no DLL beside it.
#
# The archives are the same bytes for the same commit and toolchain: entries
# sorted, dated 1980-01-01 (zip) or 1970-01-01 (tar), owner 0, modes 0644
# and 0755, gzip without a name or time.
#
#   scripts/release.sh            # both archives
#   TARGETS=x86_64-unknown-linux-gnu scripts/release.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(cargo metadata --format-version 1 --no-deps --locked |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
targets=${TARGETS:-"x86_64-pc-windows-gnu x86_64-unknown-linux-gnu"}
dist=dist
mkdir -p "$dist"

for target in $targets; do
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  start=$(date +%s)
  cargo build --release --locked --target "$target"
  echo "$target: release build in $(($(date +%s) - start)) s"
  name="ketluan-$version-$target"
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  mkdir "$stage/$name"
  case "$target" in
    *windows*) exe=ketluan.exe ;;
    *) exe=ketluan ;;
  esac
  cp "target/$target/release/$exe" "$stage/$name/$exe"
  cp README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
  cp fonts/LICENSE-OFL.txt "$stage/$name/LICENSE-OFL.txt"
  python3 scripts/third_party.py "$target" >"$stage/$name/THIRD-PARTY-LICENSES.md"
  case "$target" in
    *windows*)
      python3 - "$stage" "$name" "$dist/$name.zip" <<'PY'
import os, sys, zipfile
stage, name, out = sys.argv[1:]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for f in sorted(os.listdir(os.path.join(stage, name))):
        info = zipfile.ZipInfo(f"{name}/{f}", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever system packs it
        mode = 0o755 if f.endswith(".exe") else 0o644
        info.external_attr = (0o100000 | mode) << 16
        with open(os.path.join(stage, name, f), "rb") as h:
            z.writestr(info, h.read())
os.replace(tmp, out)
PY
      ;;
    *)
      chmod 0755 "$stage/$name/$exe"
      chmod 0644 "$stage/$name"/*.md "$stage/$name"/LICENSE-*
      tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
        -C "$stage" -cf - "$name" | gzip -9n >"$dist/$name.tar.gz.tmp"
      mv "$dist/$name.tar.gz.tmp" "$dist/$name.tar.gz"
      ;;
  esac
  rm -rf "$stage"
  trap - EXIT
done

(cd "$dist" && sha256sum ketluan-"$version"-* | grep -v '\.tmp$' >SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS)
cat "$dist/SHA256SUMS"
