"""Types into a program on a real pseudo-terminal, as a person would, and prints what it showed.

Usage: pty_drive.py STEPS.json -- PROGRAM ARGS...
STEPS is a JSON list of {"send": TEXT}, {"sleep": SECONDS} and {"expect": REGEX, "timeout": SECONDS}. The transcript
(everything the program wrote to the terminal) goes to stdout; exit 3 when an expectation is not
met in time, with the awaited pattern on stderr; otherwise the program's own exit status.
"""
import json
import os
import pty
import re
import fcntl
import select
import struct
import sys
import termios
import time

steps_file = sys.argv[1]
program = sys.argv[sys.argv.index("--") + 1:]
steps = json.load(open(steps_file))

pid, fd = pty.fork()
if pid == 0:
    os.execvp(program[0], program)
# a terminal of 30 rows and 120 columns, as a window would report
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))

seen = b""


def read_some(wait):
    global seen
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return False
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        return None
    if not chunk:
        return None
    seen += chunk
    return True


mark = 0
for step in steps:
    if "sleep" in step:
        end = time.time() + step["sleep"]
        while time.time() < end and read_some(0.05) is not None:
            pass
        continue
    if "send" in step:
        os.write(fd, step["send"].encode())
        continue
    pattern = re.compile(step["expect"].encode(), re.S)
    deadline = time.time() + step.get("timeout", 20)
    while True:
        found = pattern.search(seen, mark)
        if found:
            mark = found.end()
            break
        if time.time() > deadline or read_some(0.1) is None:
            sys.stdout.write(seen.decode("utf-8", "replace"))
            sys.stderr.write("not seen in time: " + step["expect"] + "\n")
            os.kill(pid, 9)
            sys.exit(3)

end = time.time() + 20
while time.time() < end and read_some(0.2) is not None:
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
