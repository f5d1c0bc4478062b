#!/usr/bin/env bash
# Signing (issue 24): the Văn phòng's notice issued once, then signed N
# times (default 100) by the leader with a PKCS#12 file (OpenSSL 3's
# default encryption, RSA 2048), each on a fresh copy; and, on the first
# copy, by the agency after the leader. Prints the time of one `ketluan
# sign` (the whole process: password, key file, PDF read, update, CMS,
# atomic write), min / median / max, and checks each result with pdfsig.
#
#   bash benches/sign.sh                       # release build of this tree
#   BIN=/path/to/ketluan N=20 bash benches/sign.sh
#
# Figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ketluan-sign.XXXXXX")}
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=target/release/ketluan; fi
BIN=$(realpath "$BIN")
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$BIN ($($BIN --version)), $N signings, in $WORK"
mkdir -p "$WORK/meetings"
{ cat meetings/van-phong/ketluan.yaml; printf '\nseal:\n  diameter_mm: 36\n'; } > "$WORK/meetings/ketluan.yaml"
cp meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml "$WORK/meetings/vp.yaml"
cd "$WORK"
"$BIN" issue meetings/vp.yaml --date 16/3/2021 >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 \
  -subj "/CN=Test CA/C=VN" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > leaf.ext
for who in ky coquan; do
  openssl req -newkey rsa:2048 -nodes -keyout $who.key -out $who.csr -subj "/CN=$who/C=VN" 2>/dev/null
  openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 \
    -extfile leaf.ext -out $who.pem 2>/dev/null
  openssl pkcs12 -export -inkey $who.key -in $who.pem -certfile ca.pem -passout pass:test -out $who.p12
done
python3 - <<'PY'
import zlib, struct
def png(path, w, h, on, colour):
    raw = b"".join(b"\0" + b"".join(bytes(colour + ((255,) if on(x, y) else (0,))) for x in range(w)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
png("chu-ky.png", 600, 330, lambda x, y: abs(y - 165 - 100 * ((x % 120) / 60 - 1)) < 8, (20, 40, 200))
png("con-dau.png", 425, 425, lambda x, y: 180 ** 2 < (x - 212) ** 2 + (y - 212) ** 2 < 212 ** 2, (220, 20, 30))
PY
export KETLUAN_P12_PASSWORD=test
times=()
for i in $(seq 1 "$N"); do
  cp output/vp.pdf "s$i.pdf"; cp output/vp.sign.json "s$i.sign.json"
done
sync
for i in $(seq 1 "$N"); do
  start=$(date +%s%N)
  "$BIN" sign "s$i.pdf" --as nguoi-ky --image chu-ky.png --p12 ky.p12 >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
start=$(date +%s%N)
"$BIN" sign s1.pdf --as co-quan --image con-dau.png --p12 coquan.p12 >/dev/null
end=$(date +%s%N)
agency=$(( (end - start) / 1000 ))
for i in $(seq 1 "$N"); do
  pdfsig -nocert "s$i.pdf" | grep -q "Signature is Valid." || { echo "s$i.pdf: not valid"; exit 1; }
done
[ "$(pdfsig -nocert s1.pdf | grep -c 'Signature is Valid.')" = 2 ] || { echo "s1.pdf: two signatures expected"; exit 1; }
python3 - "$agency" "${times[@]}" <<'PY'
import statistics, sys
agency = int(sys.argv[1])
us = sorted(int(t) for t in sys.argv[2:])
print(f"all {len(us)} signatures valid (pdfsig); the agency's second signature: {agency/1000:.1f} ms")
print(f"one sign (ms): min {us[0]/1000:.1f}, median {statistics.median(us)/1000:.1f}, max {us[-1]/1000:.1f}")
PY
