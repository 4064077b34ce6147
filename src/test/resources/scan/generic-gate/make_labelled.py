#!/usr/bin/env python3
"""Writes labelled.tsv: generic secrets and look-alike non-secrets, one assignment line each.

Every value is made here from a seeded random generator and the word lists below (typed for this
file, not taken from any corpus), so the set is reproducible: python3 make_labelled.py > labelled.tsv
Columns: label (secret|not), kind, file name, line.
"""
import base64
import random
import string

R = random.Random(12)
WORDS = """user account service client server request response timeout retry config setting value
default local remote cache session manager handler factory builder provider context resource
payment order invoice customer product catalog search index query filter sort page limit offset
upload download stream buffer reader writer parser format encode decode message queue topic event
listener callback promise future task worker thread pool connection database table column schema
migration backup restore deploy release build version status health metric logger debug trace
error warning notice admin owner member group role permission policy access audit report export
import template layout theme color style button label title header footer sidebar modal dialog
field input output form submit cancel delete update create insert select public private shared
internal external primary secondary master replica region zone cluster node pod container image
volume mount network gateway proxy router endpoint route path file folder directory archive bucket
object blob storage vault key secret token password credential login logout signup register
verify validate confirm reset change forgot remember enable disable allow deny block unblock
""".split()
NAMES = ["password", "api_key", "apiKey", "secret", "auth_token", "clientSecret", "SECRET_KEY",
         "db_password", "access_token", "privateKey", "API_TOKEN", "client-secret"]
BASE62 = string.ascii_letters + string.digits


def rand(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def ident(style, n):
    words = [R.choice(WORDS) for _ in range(n)]
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if style == "pascal":
        return "".join(w.capitalize() for w in words)
    if style == "snake":
        return "_".join(words)
    if style == "kebab":
        return "-".join(words)
    if style == "screaming":
        return "_".join(words).upper()
    return ".".join(words)


rows = []


def add(label, kind, value, name=None, file="app.py"):
    name = name or R.choice(NAMES)
    rows.append((label, kind, file, f'{name} = "{value}"'))


# --- secrets -----------------------------------------------------------------------------------
for _ in range(60):
    add("secret", "random-base62", rand(BASE62, R.randint(12, 64)))
for _ in range(20):
    add("secret", "random-hex", rand("0123456789abcdef", R.choice([24, 32, 40, 48, 64])))
for _ in range(20):
    raw = bytes(R.getrandbits(8) for _ in range(R.choice([18, 24, 32, 48])))
    add("secret", "random-base64", base64.b64encode(raw).decode())
for _ in range(15):
    raw = bytes(R.getrandbits(8) for _ in range(R.choice([18, 24, 32])))
    add("secret", "random-base64url", base64.urlsafe_b64encode(raw).decode().rstrip("="))
for _ in range(15):
    prefix = R.choice(["sk_", "pk_live_", "key-", "tok_", "app_", "srv-", "acct."])
    add("secret", "prefixed-random", prefix + rand(BASE62, R.randint(16, 40)))
for _ in range(30):
    # Human-chosen passwords: a word or two, digits, a symbol, mixed case.
    w = R.choice(WORDS).capitalize() + R.choice(["", R.choice(WORDS)])
    pw = w + str(R.randint(10, 9999)) + R.choice("!@#$%&*?.") + rand(BASE62, R.randint(0, 4))
    add("secret", "human-password", pw, name=R.choice(["password", "db_password", "DB_PASS", "adminPassword"]))
for _ in range(15):
    # Passwords from a generator with symbols.
    add("secret", "generated-password", rand(BASE62 + "!@#%^&*-_=+", R.randint(12, 32)),
        name=R.choice(["password", "db_password", "SMTP_PASSWORD"]))

# --- look-alike non-secrets --------------------------------------------------------------------
for style in ["camel", "pascal", "snake", "kebab", "screaming", "dotted"]:
    for _ in range(12):
        add("not", "identifier-" + style, ident(style, R.randint(2, 4)))
for _ in range(15):
    # identifiers with a number or version in them
    add("not", "identifier-numbered", ident(R.choice(["camel", "snake", "kebab"]), R.randint(2, 3)) + str(R.randint(1, 2025)))
for _ in range(15):
    parts = [R.choice(WORDS) for _ in range(R.randint(2, 4))]
    add("not", "file-path", R.choice(["", "/", "./", "~/", "C:\\\\"]) + "/".join(parts) + R.choice([".yaml", ".json", ".pem", ".txt", ""]))
for _ in range(15):
    host = R.choice(WORDS) + "." + R.choice(["com", "io", "internal", "local"])
    add("not", "url", R.choice(["https://", "http://", "s3://", "redis://"]) + host + "/" + "/".join(R.choice(WORDS) for _ in range(R.randint(1, 3))))
for _ in range(20):
    w = R.choice(WORDS)
    add("not", "word", R.choice([w, w.capitalize(), w.upper(), w + "s", w + "ing"]) + R.choice(["", "", R.choice(WORDS)]))
for _ in range(10):
    add("not", "hash-as-id", rand("0123456789abcdef", R.choice([32, 40, 64])), name=R.choice(["password_hash", "token_sha256", "secret_checksum", "commit_sha_token_id"]))
for _ in range(12):
    sentence = " ".join(R.choice(WORDS) for _ in range(R.randint(3, 8)))
    add("not", "base64-of-text", base64.b64encode(sentence.encode()).decode())
for value in ["your-api-key-here", "<YOUR_TOKEN>", "${API_KEY}", "xxxxxxxxxxxxxxxx", "changeme123",
              "{{ secret }}", "%(password)s", "REPLACE_ME", "$(cat /run/secrets/db)", "********",
              "your_secret_here", "<password>", "TODO-set-me", "insert-token-here", "dummy-token-value",
              "sk_test_placeholder", "not-a-real-secret", "REDACTED", "{password}", "$DB_PASSWORD"]:
    add("not", "placeholder", value)
for value in ["1234567890abcdef", "abcdefghijklmnop", "aaaaBBBBccccDDDD", "0123456789abcdef0123",
              "abcdabcdabcdabcd", "1111222233334444", "qwertyuiopasdfgh", "abc123abc123abc123",
              "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0000000000000000", "1234567812345678", "a1b2c3d4e5f6g7h8"]:
    add("not", "obvious-fake", value)

print("label\tkind\tfile\tline")
for r in rows:
    print("\t".join(r))
