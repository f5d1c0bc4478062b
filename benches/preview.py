#!/usr/bin/env python3
"""Time from saving a meeting file to the page showing the change, in a real
browser, with `ketluan serve` (release build) and Debian's chromium through
chromium-driver (WebDriver over loopback). Prints the median of N saves.

    cargo build --release && python3 benches/preview.py [N]

With ARCHIVE=<folder of meeting files> the served folder also holds that
archive (benches/archive.sh passes a generated one of 1,000 meetings); with
BIN=<path> another build is timed.
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BIN") or os.path.join(ROOT, "target", "release", "ketluan")
MEETING = "2021-02-24-hop-ubnd-thang-02.yaml"
PAGE = "2021-02-24-hop-ubnd-thang-02.giay-moi.html"
N = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def call(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}")


def main():
    work = tempfile.mkdtemp()
    meetings = os.path.join(work, "meetings")
    if os.environ.get("ARCHIVE"):
        shutil.copytree(os.environ["ARCHIVE"], meetings)
    else:
        os.makedirs(meetings)
    shutil.copy(os.path.join(ROOT, "meetings", MEETING), meetings)
    path = os.path.join(meetings, MEETING)
    log = open(os.path.join(work, "serve.log"), "w")
    serve = subprocess.Popen([BIN, "serve", "--port", "0", meetings], stdout=subprocess.PIPE, stderr=log, text=True)
    address = serve.stdout.readline().strip().split("http://")[1].rstrip("/")
    port = free_port()
    driver = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            call("GET", base + "/status"); break
        except Exception:
            time.sleep(0.1)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={os.path.join(work, 'profile')}"]
    sid = call("POST", base + "/session", {"capabilities": {"alwaysMatch": {
        "browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}})["value"]["sessionId"]
    s = f"{base}/session/{sid}"
    call("POST", s + "/url", {"url": f"http://{address}/{PAGE}"})
    text = lambda: call("POST", s + "/execute/sync", {"script": "return document.body.innerText", "args": []})["value"]
    original = open(path, encoding="utf-8").read()
    # A large archive is built before the page first shows.
    start = time.monotonic()
    while "Phòng họp tầng 3" not in text():
        if time.monotonic() - start > 300:
            raise SystemExit("the page did not show within 300 s")
        time.sleep(0.2)
        call("POST", s + "/url", {"url": f"http://{address}/{PAGE}"})
    times = []
    try:
        for i in range(N):
            time.sleep(0.6)
            marker = f"Phòng họp số {100 + i}"
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace("Phòng họp tầng 3", marker))
            start = time.monotonic()
            while marker not in text():
                if time.monotonic() - start > 10:
                    raise SystemExit("the page did not change within 10 s")
                time.sleep(0.005)
            times.append((time.monotonic() - start) * 1000)
    finally:
        call("DELETE", s)
        driver.kill(); serve.send_signal(2); serve.wait(5)
        builds = [l for l in open(os.path.join(work, "serve.log"), encoding="utf-8") if l.startswith("Xong")]
        shutil.rmtree(work, ignore_errors=True)
    times.sort()
    print(f"saved → shown in the browser, {N} saves: median {times[N // 2]:.0f} ms, "
          f"min {times[0]:.0f} ms, max {times[-1]:.0f} ms")
    if builds:
        print("last build:", builds[-1].strip())


if __name__ == "__main__":
    main()
