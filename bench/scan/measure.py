#!/usr/bin/env python3
"""Runs a command with stdout to a file; prints its wall time (s) and the peak RSS (MiB) of its
largest process, which is what getrusage reports for waited-for children.

Usage: measure.py OUTPUT_FILE CWD COMMAND [ARGS...]
"""
import json
import resource
import subprocess
import sys
import time

out_file, cwd, command = sys.argv[1], sys.argv[2], sys.argv[3:]
started = time.monotonic()
with open(out_file, "wb") as out:
    code = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL).returncode
wall = time.monotonic() - started
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": wall, "peak_rss_mib": peak_kib / 1024, "exit": code}))
