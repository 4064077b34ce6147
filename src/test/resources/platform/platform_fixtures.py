#!/usr/bin/env python3
"""Platform compatibility fixtures for devskyy, made and checked with the platform's own library.

The DevSkyy platform encrypts with `cryptography`'s AESGCM (Debian: python3-cryptography):
  envelope = f"{version}:{b64(iv)}:{b64(ciphertext_and_tag)}", 12-byte random IV,
  AAD b"devskyy-platform-v3" unless a non-empty one is given,
  a dict plaintext is json.dumps(d, sort_keys=True, separators=(",", ":")),
  a field's AAD is f"field:{name.lower()}" (+ f":ctx:{context}").

  python3 platform_fixtures.py make > fixtures.json   # envelopes made by the platform's library
  python3 platform_fixtures.py verify CASES.json      # opens envelopes made by devskyy; exit 0 if all do
"""
import base64
import json
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

DEFAULT_AAD = b"devskyy-platform-v3"
# Fixed test keys (never used outside tests): v1 and v2 of a keyring.
KEYS = {
    "v1": bytes(range(32)),
    "v2": bytes(range(100, 132)),
}


def seal(version, plaintext, aad=None):
    if isinstance(plaintext, dict):
        plaintext = json.dumps(plaintext, sort_keys=True, separators=(",", ":"))
    if isinstance(plaintext, str):
        plaintext = plaintext.encode("utf-8")
    iv = os.urandom(12)
    sealed = AESGCM(KEYS[version]).encrypt(iv, plaintext, aad or DEFAULT_AAD)
    return f"{version}:{base64.b64encode(iv).decode()}:{base64.b64encode(sealed).decode()}"


def open_envelope(envelope, aad=None):
    version, iv, sealed = envelope.split(":")
    return AESGCM(KEYS[version]).decrypt(base64.b64decode(iv), base64.b64decode(sealed), aad or DEFAULT_AAD)


def field_aad(name, context=None):
    aad = f"field:{name.lower()}"
    if context:
        aad += f":ctx:{context}"
    return aad.encode()


def make():
    texts = ["", "hello", "héllo wörld ✓ 🔐", "a:b:c", "x" * 5000]
    dicts = [
        {"b": 1, "a": "x"},
        {"z": [1, 2.5, None, True], "é": "ü", "nested": {"k": "v", "b": 0.0001, "a": 1e16}, "emoji": "🔐"},
    ]
    envelopes = []
    for text in texts:
        envelopes.append({"version": "v1", "aad": "", "plaintext": text, "envelope": seal("v1", text)})
    for text in texts[:3]:
        envelopes.append({"version": "v2", "aad": "user:42", "plaintext": text, "envelope": seal("v2", text, b"user:42")})
    for d in dicts:
        envelopes.append({
            "version": "v1", "aad": "", "json": d,
            "plaintext": json.dumps(d, sort_keys=True, separators=(",", ":")),
            "envelope": seal("v1", d),
        })
    document = {"name": "Ada", "email": "ada@example.com", "SSN": "123-45-6789", "password": "",
                "profile": {"phone": "+1 555 010 9999", "city": "Paris"}, "tags": ["email"]}
    fields = []
    for context in [None, "user:7"]:
        encrypted = dict(document)
        encrypted["email"] = seal("v1", document["email"], field_aad("email", context))
        encrypted["SSN"] = seal("v1", document["SSN"], field_aad("SSN", context))
        encrypted["profile"] = dict(document["profile"])
        encrypted["profile"]["phone"] = seal("v1", document["profile"]["phone"], field_aad("phone", context))
        fields.append({"context": context, "plain": document, "encrypted": encrypted})
    keys = {version: base64.b64encode(key).decode() for version, key in KEYS.items()}
    json.dump({"keys": keys, "envelopes": envelopes, "fields": fields}, sys.stdout, indent=1, ensure_ascii=False)
    print()


def verify(path):
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    failures = 0
    for case in cases["envelopes"]:
        got = open_envelope(case["envelope"], case.get("aad", "").encode())
        if got != case["plaintext"].encode("utf-8"):
            failures += 1
            print("mismatch:", case["envelope"][:20], file=sys.stderr)
    for case in cases["fields"]:
        for name, value in case["encrypted"].items():
            if name in case["names"]:
                got = open_envelope(value, field_aad(name, case.get("context"))).decode("utf-8")
                if got != case["plain"][name]:
                    failures += 1
                    print("field mismatch:", name, file=sys.stderr)
    print(f"platform verify: {len(cases['envelopes']) + len(cases['fields'])} cases, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"]:
        make()
    elif sys.argv[1:2] == ["verify"] and len(sys.argv) == 3:
        verify(sys.argv[2])
    else:
        sys.exit(__doc__)
