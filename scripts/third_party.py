#!/usr/bin/env python3
"""Writes the licences of the crates compiled into ketluan for one target.

    python3 scripts/third_party.py x86_64-pc-windows-gnu > THIRD-PARTY-LICENSES.md

From `cargo metadata --filter-platform TARGET`: every crate reachable from
ketluan by normal dependencies (not build or dev ones: those are not in the
program), with its version, licence expression and source, then the text of
each licence file the crate ships (LICENSE*, LICENCE*, COPYING*, NOTICE*).
The fonts embedded in the program come with their own licence
(fonts/LICENSE-OFL.txt), added by scripts/release.sh."""
import json
import os
import subprocess
import sys


def main():
    target = sys.argv[1]
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked",
         "--filter-platform", target],
        check=True, capture_output=True, text=True).stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, stack = set(), [root]
    while stack:
        node = nodes[stack.pop()]
        for dep in node["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                stack.append(dep["pkg"])
    crates = sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))
    out = sys.stdout
    out.write(f"# Third-party licences of ketluan ({target})\n\n")
    out.write(f"ketluan is built from {len(crates)} crates besides its own code:\n\n")
    out.write("| crate | version | licence | source |\n|---|---|---|---|\n")
    for p in crates:
        source = p.get("repository") or ("vendor/" + p["name"] if p["source"] is None else "crates.io")
        out.write(f"| {p['name']} | {p['version']} | {p.get('license') or p.get('license_file') or '?'} | {source} |\n")
    for p in crates:
        folder = os.path.dirname(p["manifest_path"])
        files = sorted(f for f in os.listdir(folder)
                       if f.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))
                       and os.path.isfile(os.path.join(folder, f)))
        if not files:
            continue
        out.write(f"\n## {p['name']} {p['version']}\n")
        for f in files:
            with open(os.path.join(folder, f), encoding="utf-8", errors="replace") as h:
                text = h.read().strip("\n")
            out.write(f"\n### {f}\n\n```text\n{text}\n```\n")


if __name__ == "__main__":
    main()
