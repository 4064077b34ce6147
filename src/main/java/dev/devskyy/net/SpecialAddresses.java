package dev.devskyy.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses that are not the public internet: this machine, private and carrier networks,
 * link-local addresses (where clouds answer metadata requests, 169.254.169.254), unique-local
 * IPv6 (AWS's fd00:ec2::254), multicast and reserved ranges (IANA's special-purpose registries,
 * RFC 6890). A server-side request forgery aims a fetch at one of them; devskyy refuses them
 * unless the caller named the address itself. IPv6 forms that carry an IPv4 address (mapped,
 * NAT64, 6to4, compatible) are judged by the IPv4 address inside.
 */
public final class SpecialAddresses {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private SpecialAddresses() {}

    /**
     * {@code host} as an IP address when it is written as one (a dotted quad or an IPv6 literal
     * without brackets), never asking DNS; empty for a name.
     */
    public static Optional<InetAddress> literal(String host) {
        Matcher quad = DOTTED_QUAD.matcher(host);
        if (quad.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(quad.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(address(bytes));
        }
        if (host.indexOf(':') >= 0 && IPV6.matcher(host).matches()) {
            try {
                return Optional.of(InetAddress.getByName(host)); // a literal with ':' is parsed, never looked up
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** Why {@code address} is not a public internet address, or empty when it is one. */
    public static Optional<String> reason(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b);
        }
        return Optional.of("not an IP address");
    }

    private static Optional<String> ipv4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        if (a0 == 0) {
            return Optional.of("an unspecified address (0.0.0.0/8 reaches this machine)");
        }
        if (a0 == 127) {
            return Optional.of("a loopback address");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("a private address");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("a link-local address (cloud metadata services answer there)");
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return Optional.of("a reserved address");
        }
        if ((a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)
                || (a0 == 192 && a1 == 88 && a2 == 99)) {
            return Optional.of("a reserved address");
        }
        if (a0 >= 224) {
            return Optional.of(a0 < 240 ? "a multicast address" : "a reserved address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        boolean zeroTo10 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo10 &= b[i] == 0;
        }
        if (zeroTo10 && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return ipv4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (zeroTo10 && b[10] == 0 && b[11] == 0) {
            boolean zeroTo15 = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroTo15 && (b[15] == 0 || b[15] == 1)) {
                return Optional.of(b[15] == 0 ? "an unspecified address" : "a loopback address");
            }
            return ipv4(b, 12); // ::a.b.c.d, IPv4-compatible (deprecated, still routed by some stacks)
        }
        boolean zeroTo8 = zeroTo10
                || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0
                        && b[7] == 0);
        if (zeroTo8 && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0) {
            return ipv4(b, 12); // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765)
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0x00 && second == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return ipv4(b, 12); // 64:ff9b::/96, NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return ipv4(b, 2); // 2002::/16, 6to4
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        if (first == 0xff) {
            return Optional.of("a multicast address");
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
            return Optional.of("a reserved address (documentation)");
        }
        if (first == 0x01
                && second == 0x00
                && b[2] == 0
                && b[3] == 0
                && b[4] == 0
                && b[5] == 0
                && b[6] == 0
                && b[7] == 0) {
            return Optional.of("a reserved address (discard)");
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return Optional.of("a Teredo address (it reaches an IPv4 host devskyy cannot check)");
        }
        if (first == 0x20
                && second == 0x01
                && b[2] == 0
                && (b[3] == 0x02 && b[4] == 0 && b[5] == 0 || (b[3] & 0xf0) == 0x10 || (b[3] & 0xf0) == 0x20)) {
            return Optional.of(
                    "a reserved address (benchmarking or ORCHID)"); // 2001:2::/48, 2001:10::/28, 2001:20::/28
        }
        return Optional.empty();
    }
}
