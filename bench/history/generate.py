#!/usr/bin/env python3
"""A deterministic git history for bench/scan-history.sh, written through git fast-import.

Usage: generate.py DIR [commits=12000] [seed=12]

Each commit edits one to four of ~600 source-like files (Python, JavaScript, YAML, .env,
Markdown): it adds a few lines at a random place, sometimes replaces or deletes a few, and one
commit in 40 adds a token-shaped string (some real-looking, most decoys). Every 500 commits a
branch of 3 commits is merged back, so merges are in the history too. Same seed, same repository,
commit ids included (fixed author and dates).
"""
import os
import random
import subprocess
import sys

WORDS = ("alpha beta gamma delta value config user token name item list index count total "
         "result error cache client server request response handler module import return").split()
EXT = [".py", ".js", ".yaml", ".md", ".env", ".txt"]


def line(rng, ext):
    a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
    n = rng.randrange(10000)
    if ext == ".py":
        return f"    {a}_{b} = compute_{c}({n}, '{a}')"
    if ext == ".js":
        return f"  const {a}{b.title()} = await {c}.fetch({n});"
    if ext == ".yaml":
        return f"{a}_{b}: {c}-{n}"
    if ext == ".env":
        return f"{a.upper()}_{b.upper()}={c}{n}"
    return f"The {a} of the {b} is {c} number {n}."


def secret(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    body = "".join(rng.choice(alphabet) for _ in range(36))
    return rng.choice([
        f"aws_key = 'AKIA{''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16))}'",
        f"token = 'ghp_{body}'",
        f"password = '{body[:20]}'",
        f"url = 'postgres://app:{body[:16]}@db.internal:5432/app'",
        "example = 'AKIAIOSFODNN7EXAMPLE'",
        "api_key = '${API_KEY}'",
    ])


def main():
    out = sys.argv[1]
    commits = int(sys.argv[2]) if len(sys.argv) > 2 else 12000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 12)
    os.makedirs(out, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
    files = {}
    for i in range(600):
        ext = EXT[i % len(EXT)]
        files[f"src/pkg{i % 37}/file{i}{ext}"] = [line(rng, ext) for _ in range(rng.randrange(20, 120))]
    paths = sorted(files)
    fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=out, stdin=subprocess.PIPE)
    w = fi.stdin
    mark = 0
    when = 1_600_000_000

    def commit(ref, parents, changed, message):
        nonlocal mark, when
        mark += 1
        when += 600
        msg = message.encode()
        w.write(f"commit {ref}\nmark :{mark}\n".encode())
        w.write(f"author Dev {mark % 7} <dev{mark % 7}@example.org> {when} +0000\n".encode())
        w.write(f"committer Dev {mark % 7} <dev{mark % 7}@example.org> {when} +0000\n".encode())
        w.write(f"data {len(msg)}\n".encode() + msg + b"\n")
        for i, p in enumerate(parents):
            w.write(f"{'from' if i == 0 else 'merge'} :{p}\n".encode())
        for path in changed:
            data = ("\n".join(files[path]) + "\n").encode()
            w.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        return mark

    def edit(path):
        ext = os.path.splitext(path)[1]
        body = files[path]
        at = rng.randrange(len(body) + 1)
        body[at:at] = [line(rng, ext) for _ in range(rng.randrange(1, 6))]
        if rng.random() < 0.3 and len(body) > 10:
            k = rng.randrange(len(body) - 3)
            del body[k:k + rng.randrange(1, 3)]
        if rng.random() < 0.025:
            body.insert(rng.randrange(len(body) + 1), secret(rng))

    head = commit("refs/heads/main", [], paths, "initial import")
    n = 1
    while n < commits:
        if n % 500 == 0 and n + 4 <= commits:
            tip = head
            for _ in range(3):
                p = rng.choice(paths)
                edit(p)
                tip = commit("refs/heads/topic", [tip], [p], f"topic work {n}")
                n += 1
            p = rng.choice(paths)
            edit(p)
            head = commit("refs/heads/main", [head], [p], f"main work {n}")
            head = commit("refs/heads/main", [head, tip], [], f"merge topic {n}")
            n += 2
            continue
        changed = sorted(set(rng.choice(paths) for _ in range(rng.randrange(1, 5))))
        for p in changed:
            edit(p)
        head = commit("refs/heads/main", [head], changed, f"change {n}")
        n += 1
    w.close()
    if fi.wait() != 0:
        sys.exit("fast-import failed")
    subprocess.run(["git", "-C", out, "reset", "-q", "--hard", "main"], check=True)
    subprocess.run(["git", "-C", out, "update-ref", "-d", "refs/heads/topic"], check=True)


if __name__ == "__main__":
    main()
