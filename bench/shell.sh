#!/usr/bin/env bash
# Start-up of `devskyy shell` to its first prompt on a real pseudo-terminal, against `tools list`
# (the whole run) and `--version`: median (min, max) wall time of N runs, warm class-data archive.
# Usage: bench/shell.sh [runs]   (default 15). Needs python3 (its pty module draws the terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
bin/devskyy --version >/dev/null 2>&1 # builds the jar and the class-data archive if needed
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT

python3 - "$runs" "$state" <<'PY'
import os, pty, select, statistics, struct, subprocess, sys, time, fcntl, termios

runs, state = int(sys.argv[1]), sys.argv[2]
env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm")

def to_prompt():
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe("bin/devskyy", ["bin/devskyy", "shell"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    seen = b""
    while b"devskyy> " not in seen:
        select.select([fd], [], [], 5)
        seen += os.read(fd, 4096)
    took = time.monotonic() - start
    os.write(fd, b"\x04")
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return took

def whole(*args):
    start = time.monotonic()
    subprocess.run(["bin/devskyy", *args], env=env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.monotonic() - start

def row(name, measure):
    times = sorted(measure() * 1000 for _ in range(runs))
    print(f"{name:<34} {statistics.median(times):8.0f} {times[0]:8.0f} {times[-1]:8.0f}")

print(f"{'command':<34} {'median_ms':>8} {'min_ms':>8} {'max_ms':>8}   ({runs} runs)")
row("devskyy --version", lambda: whole("--version"))
row("devskyy tools list", lambda: whole("tools", "list"))
row("devskyy shell, to its first prompt", to_prompt)
PY
