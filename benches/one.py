#!/usr/bin/env python3
"""The wall time of one whole process, as hyperfine measures it.

    python3 benches/one.py RUNS FOLDER COMMAND [ARG...]

Runs COMMAND RUNS times (after one untimed warm-up run), removing FOLDER
before each run so that every run writes its files anew, and prints the
median and the fastest run in milliseconds: "<median> <min>". The clock
starts just before the process is spawned and stops when it has exited;
its output goes to /dev/null.

Why not `date` around GNU time, as the batch figures are taken: GNU time
is a process of its own that forks and waits for COMMAND, and `date` two
more; on this machine that adds about 2 ms to a 9 ms process. Spawning
from Python costs about as much as starting `/bin/true`, which batch.sh
measures the same way and prints beside the figure.
"""

import shutil
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, folder, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    times = []
    for run in range(runs + 1):
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        elapsed = (time.perf_counter() - start) * 1000
        if run > 0:
            times.append(elapsed)
    print(f"{statistics.median(times):.1f} {min(times):.1f}")


if __name__ == "__main__":
    main()
