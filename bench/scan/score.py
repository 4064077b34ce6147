#!/usr/bin/env python3
"""Scores one scanner's findings against the generator's manifest.

Usage: score.py MANIFEST FORMAT FINDINGS_FILE
FORMAT: devskyy (its JSON report) or lines (path:line:… per finding: secretlint --format unix,
git-secrets --scan).
Prints JSON: planted, found (recall), false positives (distinct lines reported that hold no planted
secret) and how many of those were decoys. A planted secret spanning lines (PEM, service-account
JSON) counts as found when any reported line falls inside it.
"""
import json
import sys
from collections import defaultdict



def reported(fmt, findings_file):
    text = open(findings_file, encoding="utf-8", errors="replace").read()
    if fmt == "devskyy":
        for f in json.loads(text)["findings"]:
            if f["category"] == "secret":
                yield f["path"], f["line"], f.get("end_line", f["line"])
    elif fmt == "lines":
        for line in text.splitlines():
            parts = line.split(":", 2)
            if len(parts) == 3 and parts[1].isdigit():
                yield parts[0], int(parts[1]), int(parts[1])
    else:
        raise SystemExit("unknown format " + fmt)


def normalize(path):
    marker = "/tree/"
    path = path[path.index(marker) + len(marker):] if marker in path else path
    return path[2:] if path.startswith("./") else path


def score(manifest, fmt, findings_file):
    spans = defaultdict(list)
    for i, s in enumerate(manifest["secrets"]):
        spans[s["path"]].append((s["line"], s["end_line"], i))
    decoy_lines = {(d["path"], line) for d in manifest["decoys"] for line in range(d["line"], d["end_line"] + 1)}
    found = set()
    false_positives = set()
    for path, line, end_line in reported(fmt, findings_file):
        path = normalize(path)
        hit = [i for first, last, i in spans.get(path, []) if first <= end_line and line <= last]
        if hit:
            found.update(hit)
        else:
            false_positives.add((path, line))
    planted = len(manifest["secrets"])
    missed = defaultdict(int)
    for i, s in enumerate(manifest["secrets"]):
        if i not in found:
            missed[s["type"]] += 1
    return {
        "planted": planted,
        "found": len(found),
        "recall": len(found) / planted,
        "false_positives": len(false_positives),
        "false_positives_on_decoys": len(false_positives & decoy_lines),
        "false_positive_rate": len(false_positives) / planted,
        "missed_by_type": dict(sorted(missed.items())),
        "missed_indexes": sorted(set(range(planted)) - found),
        "false_positive_examples": sorted(false_positives)[:5],
    }


if __name__ == "__main__":
    manifest_file, fmt, findings_file = sys.argv[1:4]
    print(json.dumps(score(json.load(open(manifest_file)), fmt, findings_file)))
