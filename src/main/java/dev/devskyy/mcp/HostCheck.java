package dev.devskyy.mcp;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} and {@code Origin} a request may name: the public URL's, or the address the
 * server is bound to as an IP literal (which no DNS answer can rebind). A page whose name was made
 * to resolve to this server names its own host, and is refused (the MCP transports' DNS-rebinding
 * rule). A request without {@code Origin} is not a browser's and passes that check.
 */
final class HostCheck {
    private final Set<String> authorities;
    private final Set<String> origins;
    private final int defaultPort;

    HostCheck(URI publicUrl, InetSocketAddress bound) {
        String literal = literal(bound);
        String publicAuthority = authority(publicUrl.getHost(), publicUrl.getPort(), publicUrl.getScheme());
        this.defaultPort = defaultPort(publicUrl.getScheme());
        // the two are one when the public URL is the bound address's
        this.authorities = Set.copyOf(List.of(publicAuthority, literal));
        this.origins = Set.copyOf(List.of(
                publicUrl.getScheme().toLowerCase(Locale.ROOT) + "://" + publicAuthority,
                "http://" + literal,
                "https://" + literal));
    }

    /** {@code ip:port}, IPv6 in brackets. */
    static String literal(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    boolean allows(String host) {
        if (host == null) {
            return false;
        }
        String normalized = host.strip().toLowerCase(Locale.ROOT);
        boolean hasPort = normalized.startsWith("[") ? normalized.contains("]:") : normalized.contains(":");
        return authorities.contains(hasPort ? normalized : normalized + ":" + defaultPort);
    }

    boolean allowsOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        try {
            URI url = new URI(origin.strip());
            if (url.getScheme() == null
                    || url.getHost() == null
                    || url.getRawPath() != null && !url.getRawPath().isEmpty()) {
                return false;
            }
            String scheme = url.getScheme().toLowerCase(Locale.ROOT);
            return origins.contains(scheme + "://" + authority(url.getHost(), url.getPort(), scheme));
        } catch (URISyntaxException e) {
            return false; // "null" and other opaque origins among them
        }
    }

    /** {@code host:port}, lower case, the scheme's default port spelled out. */
    private static String authority(String host, int port, String scheme) {
        return host.toLowerCase(Locale.ROOT) + ":" + (port != -1 ? port : defaultPort(scheme));
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
