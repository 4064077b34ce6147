"""Token shapes both benchmark generators plant (bench/scan/generate.py, bench/corpus/generate.py)."""
import base64
import string
import zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def base62(value, width=6):
    out = ""
    for _ in range(width):
        out = B62[value % 62] + out
        value //= 62
    return out


def with_checksum(prefix, body):
    """GitHub's and npm's token layout: prefix, body, then the body's CRC32 in 6 base62 digits."""
    return prefix + body + base62(zlib.crc32(body.encode()) & 0xFFFFFFFF)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
