#!/usr/bin/env python3
"""Writes a reproducible synthetic source tree with planted secrets and look-alike decoys.

Usage: generate.py OUT_DIR [megabytes=210] [seed=7]
OUT_DIR/tree holds the files; OUT_DIR/manifest.json lists every planted secret (path, first and
last line, type) and every decoy (path, line, type). The same seed always gives the same bytes.
"""
import json
import os
import random
import string
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tokens import b64url, with_checksum  # noqa: E402

OUT = sys.argv[1]
MEGABYTES = int(sys.argv[2]) if len(sys.argv) > 2 else 210
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 7
rnd = random.Random(SEED)

AN = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def r(alphabet, n):
    return "".join(rnd.choice(alphabet) for _ in range(n))




def checksummed(prefix):
    return with_checksum(prefix, r(AN, 30))




def jwt():
    header = b64url(json.dumps({"alg": rnd.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}).encode())
    claims = b64url(json.dumps({"sub": r(string.digits, 8), "exp": rnd.randint(1_700_000_000, 2_000_000_000)}).encode())
    return header + "." + claims + "." + r(AN + "-_", 43)


def pem(kind, lines):
    body = "\n".join(r(AN + "+/", 64) for _ in range(lines))
    return f"-----BEGIN {kind}-----\n{body}\n{r(AN + '+/', 20)}==\n-----END {kind}-----"


WORDS = ("order cart product price stock user account session invoice payment refund catalog "
         "shipping address customer review rating image variant collection checkout coupon "
         "discount inventory warehouse supplier report metric event queue worker cache index "
         "render model scene camera light texture mesh bundle asset theme layout widget").split()


def ident():
    return "_".join(rnd.sample(WORDS, rnd.randint(1, 3)))


def camel():
    parts = rnd.sample(WORDS, rnd.randint(1, 3))
    return parts[0] + "".join(p.title() for p in parts[1:])


def filler_line(lang):
    a, b, c = ident(), ident(), camel()
    n = rnd.randint(0, 9999)
    templates = {
        "py": [f"def {a}({b}, {ident()}=None):", f"    return {b}.get('{a}', {n})", f"    {a} = {b}[{n % 7}]",
               f"import {rnd.choice(['os', 'json', 'logging', 'hashlib', 'datetime'])}", f"# {' '.join(rnd.sample(WORDS, 6))}",
               f"    if {a} > {n}:", f"        logger.debug('{a} %s', {b})", f"class {c.title()}Service:",
               f"    {a}_cache_key = \"{r(HEX, 32)}\"", "", f"    {a} = os.environ.get(\"{a.upper()}\")"],
        "js": [f"export function {c}({b}) {{", f"  const {c} = await fetch(`/api/{a}/${{id}}`);", f"  return {b}.{c} ?? {n};",
               f"import {{ {c} }} from './{a}';", f"// {' '.join(rnd.sample(WORDS, 6))}", "}", f"  if ({c}.length > {n}) {{",
               f"  const {c}Color = '#{r(HEX, 6)}';", f"  setState({{ {c}: {n} }});"],
        "java": [f"    public {c.title()} {c}(String {b}) {{", f"        return repository.find{c.title()}({b}, {n});",
                 f"import com.devskyy.{a.replace('_', '.')}.{c.title()};", f"    // {' '.join(rnd.sample(WORDS, 6))}",
                 "    }", f"    private final String {c}Name = \"{a}\";", f"        if ({c} == null) throw new IllegalStateException();"],
        "yml": [f"{a}:", f"  {b}: {n}", f"  {ident()}: \"{' '.join(rnd.sample(WORDS, 2))}\"", f"  enabled: {rnd.choice(['true', 'false'])}",
                f"# {' '.join(rnd.sample(WORDS, 5))}", f"  image: registry.local/{a}:{n}"],
        "json": [f"  \"{c}\": {n},", f"  \"{c}Name\": \"{' '.join(rnd.sample(WORDS, 3))}\",", f"  \"{c}Id\": \"{r(HEX, 24)}\",",
                 f"  \"integrity\": \"sha512-{r(AN + '+/', 86)}==\","],
        "md": [f"{' '.join(rnd.sample(WORDS, rnd.randint(6, 14))).capitalize()}.", "", f"## {c.title()}",
               f"Set `{a.upper()}` to the {b} you were given.", f"- `{c}`: {' '.join(rnd.sample(WORDS, 4))}"],
        "env": [f"{a.upper()}={n}", f"{a.upper()}_URL=https://{a.replace('_', '-')}.internal", f"# {' '.join(rnd.sample(WORDS, 4))}",
                f"{a.upper()}_ENABLED=true"],
        "properties": [f"{a.replace('_', '.')}={n}", f"{a.replace('_', '.')}.name={b}", f"# {' '.join(rnd.sample(WORDS, 4))}"],
        "minjs": ["".join(f"function {camel()}(a,b){{return a.{camel()}(b)||{rnd.randint(0, 99)}}};" for _ in range(40))
                  + "var img='data:image/png;base64," + r(AN + "+/", 600) + "';"],
    }
    return rnd.choice(templates[lang])


# Lines that name passwords, tokens and keys without holding one, as real code does: one line in
# 200 of every kind of file (real code has fewer still; these keep the scanners honest).
BENIGN = {
    "py": ["    token_type = \"bearer\"", "    password_label = \"Password\"", "    api_key = os.environ[\"API_KEY\"]",
           "    if not password:", "    secret_name = \"db-credentials\"", "    auth_token = request.headers.get(\"Authorization\")"],
    "js": ["  const auth = req.headers.authorization;", "  const passwordField = document.querySelector('#password');",
           "  const tokenKey = 'session-token';"],
    "java": ["    private static final String PASSWORD_PROPERTY = \"db.password\";", "        String token = request.getHeader(\"X-Token\");"],
    "yml": ["  password: ${DB_PASSWORD}", "  token_url: https://auth.internal/token"],
    "json": ["  \"passwordPolicy\": \"strong\",", "  \"tokenTtlSeconds\": 3600,"],
    "md": ["Set the password in your secret store, never in this repository."],
    "env": ["PASSWORD_FILE=/run/secrets/db_password", "TOKEN_TTL=3600"],
    "properties": ["spring.datasource.password=${DB_PASSWORD}"],
    "minjs": [],
}


# Where each kind of file lives and how often it occurs.
KINDS = [("py", ".py", 28), ("js", ".js", 14), ("js", ".ts", 10), ("java", ".java", 14), ("yml", ".yml", 8),
         ("json", ".json", 8), ("md", ".md", 6), ("env", ".env", 3), ("properties", ".properties", 4), ("minjs", ".min.js", 5)]
POOL = {lang: [filler_line(lang) for _ in range(4000 if lang != "minjs" else 300)] for lang, _, _ in KINDS}
for lang, benign in BENIGN.items():
    POOL[lang] += [benign[i % len(benign)] for i in range(20)] if benign else []

# Planted secrets: (type, kinds it may go in, line text for a value)
def planted_secrets():
    return [
        ("aws-access-key-id", ["py", "yml", "env"], lambda k: {"py": "AWS_ACCESS_KEY_ID = \"{}\"",
            "yml": "  aws_access_key_id: {}", "env": "AWS_ACCESS_KEY_ID={}"}[k].format("AKIA" + r(UPPER32, 16))),
        ("aws-secret-access-key", ["py", "env"], lambda k: {"py": f"aws_secret_access_key = \"{r(AN + '/+', 40)}\"",
            "env": f"AWS_SECRET_ACCESS_KEY={r(AN + '/+', 40)}"}[k]),
        ("github-token", ["py", "js", "yml", "env"], lambda k: {"py": f"GITHUB_TOKEN = \"{checksummed('ghp_')}\"",
            "js": f"const githubToken = '{checksummed('ghp_')}';", "yml": f"  github_token: {checksummed('gho_')}",
            "env": f"GH_TOKEN={checksummed('ghp_')}"}[k]),
        ("github-fine-grained", ["env", "yml"], lambda k: ("GITHUB_PAT=" if k == "env" else "  token: ")
            + "github_pat_" + r(AN, 22) + "_" + r(AN, 59)),
        ("gitlab-token", ["env", "py"], lambda k: ("GITLAB_TOKEN=" if k == "env" else "GITLAB_TOKEN = \"")
            + "glpat-" + r(AN + "-_", 20) + ("" if k == "env" else "\"")),
        ("slack-token", ["js", "py"], lambda k: f"slack = '{'xoxb-' + r(string.digits, 12) + '-' + r(string.digits, 13) + '-' + r(AN, 24)}'"),
        ("slack-webhook", ["py", "yml"], lambda k: f"  webhook: https://hooks.slack.com/services/T{r(UPPER32, 8)}/B{r(UPPER32, 10)}/{r(AN, 24)}"),
        ("stripe-secret", ["py", "js", "env"], lambda k: {"py": f"stripe.api_key = \"sk_live_{r(AN, 24)}\"",
            "js": f"const stripe = require('stripe')('sk_live_{r(AN, 99)}');", "env": f"STRIPE_SECRET_KEY=sk_live_{r(AN, 24)}"}[k]),
        ("google-api-key", ["js", "json"], lambda k: {"js": f"const mapsKey = 'AIza{r(AN + '-_', 35)}';",
            "json": f"  \"mapsApiKey\": \"AIza{r(AN + '-_', 35)}\","}[k]),
        ("azure-connection-string", ["json", "properties"], lambda k: ("  \"Storage\": \"" if k == "json" else "azure.storage=")
            + f"DefaultEndpointsProtocol=https;AccountName={ident().replace('_', '')};AccountKey={r(AN + '+/', 86)}==;EndpointSuffix=core.windows.net"
            + ("\"," if k == "json" else "")),
        ("twilio-api-key", ["py"], lambda k: f"TWILIO_API_KEY = \"SK{r(HEX, 32)}\""),
        ("sendgrid-api-key", ["js", "py"], lambda k: f"sendgrid_key = 'SG.{r(AN + '-_', 22)}.{r(AN + '-_', 43)}'"),
        ("npm-token", ["env"], lambda k: f"NPM_TOKEN={checksummed('npm_')}"),
        ("pypi-token", ["env"], lambda k: f"TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc{r(AN + '-_', 70)}"),
        ("openai-api-key", ["py", "env"], lambda k: ("OPENAI_API_KEY = \"" if k == "py" else "OPENAI_API_KEY=")
            + f"sk-proj-{r(AN, 48)}T3BlbkFJ{r(AN, 48)}" + ("\"" if k == "py" else "")),
        ("anthropic-api-key", ["py", "env"], lambda k: ("ANTHROPIC_API_KEY = \"" if k == "py" else "ANTHROPIC_API_KEY=")
            + f"sk-ant-api03-{r(AN + '-_', 93)}AA" + ("\"" if k == "py" else "")),
        ("jwt", ["js", "py", "md"], lambda k: f"Authorization: Bearer {jwt()}"),
        ("database-url", ["yml", "env", "py"], lambda k: {"yml": f"  url: postgres://{ident()}:{r(AN, 18)}@db.internal:5432/shop",
            "env": f"DATABASE_URL=mysql://root:{r(AN, 16)}@10.0.0.5:3306/shop",
            "py": f"MONGO = \"mongodb+srv://admin:{r(AN, 14)}@cluster0.example-shop.net/db\""}[k]),
        ("generic-password", ["env", "yml", "properties", "py"], lambda k: {"env": f"DB_PASSWORD={r(AN, 20)}",
            "yml": f"  password: \"{r(AN + '!@#%', 18)}\"", "properties": f"spring.datasource.password={r(AN, 16)}",
            "py": f"SMTP_PASSWORD = \"{r(AN, 16)}\""}[k]),
        ("generic-api-key", ["py", "js", "json", "yml"], lambda k: {"py": f"client_secret = \"{r(AN, 32)}\"",
            "js": f"const apiKey = \"{r(AN, 32)}\";", "json": f"  \"apiSecret\": \"{r(AN, 40)}\",",
            "yml": f"  api_key: {r(AN, 32)}"}[k]),
    ]


def decoys():
    bad_ghp = checksummed("ghp_")
    bad_ghp = bad_ghp[:-1] + ("A" if bad_ghp[-1] != "A" else "B")
    return [
        ("aws-example", ["py", "md"], lambda k: "AWS_ACCESS_KEY_ID = \"AKIAIOSFODNN7EXAMPLE\""),
        ("aws-example-secret", ["py", "md"], lambda k: "aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\""),
        ("github-bad-checksum", ["py", "env"], lambda k: f"GITHUB_TOKEN={bad_ghp}"),
        ("npm-bad-checksum", ["env"], lambda k: f"NPM_TOKEN=npm_{r(AN, 36)}"),
        ("env-reference", ["yml", "env", "py"], lambda k: {"yml": "  password: ${DB_PASSWORD}", "env": "API_TOKEN=${API_TOKEN}",
            "py": "password = \"${DB_PASSWORD}\""}[k]),
        ("angle-placeholder", ["md", "yml"], lambda k: "  api_key: \"<your-api-key>\""),
        ("x-run", ["py", "js"], lambda k: "token = \"xxxxxxxxxxxxxxxxxxxxxxxx\""),
        ("changeme", ["env", "properties"], lambda k: "ADMIN_PASSWORD=changeme"),
        ("sha256", ["py", "json"], lambda k: f"checksum_sha256 = \"{r(HEX, 64)}\""),
        ("git-sha", ["yml", "json"], lambda k: f"  commit: \"{r(HEX, 40)}\""),
        ("uuid", ["py", "js"], lambda k: f"request_id = \"{r(HEX, 8)}-{r(HEX, 4)}-4{r(HEX, 3)}-a{r(HEX, 3)}-{r(HEX, 12)}\""),
        ("stripe-publishable", ["js"], lambda k: f"const stripePk = 'pk_live_{r(AN, 24)}';"),
        ("jwt-lookalike", ["js"], lambda k: f"const state = 'eyJ{r(AN, 30)}.eyJ{r(AN, 30)}.{r(AN, 30)}';"),
        ("slack-webhook-placeholder", ["md"], lambda k: "https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"),
        ("db-url-placeholder", ["yml", "md"], lambda k: "  url: postgres://app:${PGPASSWORD}@db:5432/shop"),
        ("db-url-no-password", ["yml"], lambda k: "  url: postgres://db.internal:5432/shop"),
        ("test-docs-key", ["md"], lambda k: "export API_KEY=your_api_key_here"),
        ("password-from-env", ["py", "js"], lambda k: "password = os.environ.get(\"DB_PASSWORD\")"),
        ("random-hex-not-secret", ["py"], lambda k: f"session_cache_namespace = \"{r(HEX, 32)}\""),
    ]


def main():
    tree = os.path.join(OUT, "tree")
    os.makedirs(tree, exist_ok=True)
    target = MEGABYTES * 1_000_000
    files = []  # (path, kind, lines)
    size = 0
    weights = [w for _, _, w in KINDS]
    index = 0
    used = set()
    while size < target:
        lang, ext, _ = rnd.choices(KINDS, weights)[0]
        service = rnd.choice(["shop", "catalog", "checkout", "media", "search", "accounts", "agents", "wordpress"])
        folder = {"py": f"services/{service}/app", "js": f"web/{service}/src", "java": f"java/{service}/src/main/java",
                  "yml": f"deploy/{service}", "json": f"data/{service}", "md": f"docs/{service}",
                  "env": f"deploy/{service}", "properties": f"java/{service}/src/main/resources",
                  "minjs": f"web/{service}/dist"}[lang]
        name = ident() + f"_{index}" + ext if lang != "env" else (".env" if rnd.random() < 0.3 else f"{ident()}_{index}.env")
        n = rnd.choice([40, 80, 150, 300, 600, 1200, 3000]) if lang != "minjs" else rnd.randint(20, 120)
        lines = rnd.choices(POOL[lang], k=n)
        path = f"{folder}/{name}"
        if path in used:
            path = f"{folder}/{index}/{name}"
        used.add(path)
        files.append((path, lang, lines))
        size += sum(len(l) + 1 for l in lines)
        index += 1
    by_kind = {}
    for i, (_, lang, _) in enumerate(files):
        by_kind.setdefault(lang, []).append(i)
    manifest = {"seed": SEED, "secrets": [], "decoys": []}
    inserts = {}  # file index -> list of (position, lines, record)

    def plant(kind_list, make, record_kind, type_name, count):
        for _ in range(count):
            kind = rnd.choice([k for k in kind_list if k in by_kind])
            i = rnd.choice(by_kind[kind])
            pos = rnd.randint(0, len(files[i][2]))
            text = make(kind)
            inserts.setdefault(i, []).append((pos, text.split("\n"), record_kind, type_name))

    for type_name, kinds, make in planted_secrets():
        plant(kinds, make, "secrets", type_name, 45)
    for type_name, kinds, make in decoys():
        plant(kinds, make, "decoys", type_name, 50)
    # Private keys and GCP service-account keys are files of their own, as in real repositories.
    extra = []
    for n in range(30):
        kind = rnd.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
        text = pem(kind, 25 if "RSA" in kind or kind == "PRIVATE KEY" else 4)
        extra.append((f"deploy/keys/key_{n}.pem", text, "secrets", "private-key"))
        extra.append((f"docs/keys/public_{n}.pem", pem("PUBLIC KEY", 6), "decoys", "public-key"))
    for n in range(15):
        sa = json.dumps({"type": "service_account", "project_id": f"shop-{n}", "private_key_id": r(HEX, 40),
                         "private_key": pem("PRIVATE KEY", 25) + "\n", "client_email": f"svc{n}@shop-{n}.iam.gserviceaccount.com",
                         "client_id": r(string.digits, 21)}, indent=2)
        extra.append((f"deploy/gcp/service-account-{n}.json", sa, "secrets", "gcp-service-account"))
    total = 0
    for i, (path, lang, lines) in enumerate(files):
        out = list(lines)
        planted = inserts.get(i, [])
        # From the end backwards, so earlier positions stay valid; ties keep their planting order.
        for seq in sorted(range(len(planted)), key=lambda q: (-planted[q][0], -q)):
            pos, new, _, _ = planted[seq]
            out[pos:pos] = new
        positions = sorted(((pos, q, len(new), kind, name) for q, (pos, new, kind, name) in enumerate(planted)))
        shift = 0
        for pos, _, length, record_kind, type_name in positions:
            first = pos + shift + 1
            manifest[record_kind].append({"path": path, "line": first, "end_line": first + length - 1, "type": type_name})
            shift += length
        data = "\n".join(out) + "\n"
        full = os.path.join(tree, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(data)
        total += len(data.encode())
    for path, text, record_kind, type_name in extra:
        full = os.path.join(tree, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text + "\n")
        total += len(text) + 1
        manifest[record_kind].append({"path": path, "line": 1, "end_line": text.count("\n") + 1, "type": type_name})
    for n in range(40):  # binary assets: skipped by every scanner, counted in the bytes
        full = os.path.join(tree, f"web/assets/image_{n}.png")
        os.makedirs(os.path.dirname(full), exist_ok=True)
        blob = b"\x89PNG\r\n\x1a\n\x00\x00" + rnd.randbytes(200_000)
        with open(full, "wb") as f:
            f.write(blob)
        total += len(blob)
    manifest["files"] = len(files) + len(extra) + 40
    manifest["bytes"] = total
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{manifest['files']} files, {total / 1e6:.1f} MB, {len(manifest['secrets'])} planted secrets, "
          f"{len(manifest['decoys'])} decoys", file=sys.stderr)


main()
