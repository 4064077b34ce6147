#!/usr/bin/env python3
"""JWT fixtures made by the platform's own library, PyJWT (Debian: python3-jwt), for devskyy's tests.

The DevSkyy platform issues HS512 access (15 min) and refresh (7 days) tokens, issuer
devskyy-platform, audience devskyy-api, claims sub, jti, type, roles, family_id, tier, iat, exp;
API keys are "dsk_" + a JWT of type api_key. Times here are fixed so that the fixtures stay valid
(iat 2023-11-14, exp 2100) or stay expired.

  /usr/bin/python3 platform_tokens.py > tokens.json
"""
import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

SECRET = "devskyy-test-secret-that-is-at-least-64-bytes-long-for-hs512-0123456789"
IAT = 1700000000
FUTURE = 4102444800


def platform(kind, jti, exp=FUTURE, **extra):
    claims = {"iss": "devskyy-platform", "aud": "devskyy-api", "sub": "user-42", "jti": jti, "type": kind,
              "roles": ["customer"], "family_id": "fam-1", "tier": "gold", "iat": IAT, "exp": exp}
    claims.update(extra)
    return jwt.encode(claims, SECRET, algorithm="HS512")


def pem(public_key):
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ec_key = ec.generate_private_key(ec.SECP256R1())
ed_key = ed25519.Ed25519PrivateKey.generate()
claims = {"iss": "https://issuer.example", "aud": ["api", "web"], "sub": "s", "iat": IAT, "exp": FUTURE}

fixtures = {
    "secret": SECRET,
    "access": platform("access", "jti-access"),
    "refresh": platform("refresh", "jti-refresh", exp=IAT + 7 * 86400 + 10**9),
    "expired": platform("access", "jti-old", exp=IAT + 900),
    "api_key": "dsk_" + platform("api_key", "jti-key"),
    "rsa_public": pem(rsa_key.public_key()),
    "ec_public": pem(ec_key.public_key()),
    "ed_public": pem(ed_key.public_key()),
    "rs256": jwt.encode(claims, rsa_key, algorithm="RS256"),
    "ps256": jwt.encode(claims, rsa_key, algorithm="PS256"),
    "es256": jwt.encode(claims, ec_key, algorithm="ES256"),
    "eddsa": jwt.encode(claims, ed_key, algorithm="EdDSA"),
}
json.dump(fixtures, __import__("sys").stdout, indent=1)
print()
