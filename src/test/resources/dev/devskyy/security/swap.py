# Exchanges two paths atomically (renameat2 RENAME_EXCHANGE) as fast as it can, for a while:
# the race a hostile process inside a granted root runs against a check and its use.
# Usage: swap.py A B SECONDS   (prints the number of exchanges)
import ctypes
import sys
import time

libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD = -100
RENAME_EXCHANGE = 2
a, b = sys.argv[1].encode(), sys.argv[2].encode()
end = time.monotonic() + float(sys.argv[3])
count = 0
while time.monotonic() < end:
    if libc.renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
        sys.exit("renameat2 failed: errno %d" % ctypes.get_errno())
    count += 1
print(count)
