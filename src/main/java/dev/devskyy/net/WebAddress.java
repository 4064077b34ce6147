package dev.devskyy.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http or https URL devskyy may fetch: a scheme, a host (a name in ASCII, or an IP
 * literal without brackets), a port and the request target (path and query). Credentials in the
 * URL are refused (they would travel in the clear in logs and audit lines), and so are fragments'
 * absence of meaning to a server: a fragment is dropped.
 */
public record WebAddress(String scheme, String host, int port, String target) {
    /** Longer URLs are refused: servers answer them with 414, and they only ever carry data. */
    public static final int MAX_CHARS = 8192;

    /**
     * @throws IllegalArgumentException with a reason safe to show (it never quotes the URL)
     */
    public static WebAddress parse(String url) {
        if (url.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the URL is longer than " + MAX_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        return of(uri);
    }

    private static WebAddress of(URI given) {
        // non-ASCII in a path or query is sent percent-encoded as UTF-8, never replaced by '?'
        URI uri = URI.create(given.toASCIIString());
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new IllegalArgumentException("not an absolute http or https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            String shown = scheme.length() <= 16 && scheme.matches("[a-z0-9+.-]+") ? ", not " + scheme + ":" : "";
            throw new IllegalArgumentException("only http and https URLs are fetched" + shown);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a URL with credentials in it is refused (user:password@)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(
                    "the URL has no host devskyy can use (an internationalized name must be given in its xn-- form)");
        }
        host = normalizeHost(host);
        int port = uri.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : 80;
        } else if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        String path = uri.getRawPath();
        String target = (path == null || path.isEmpty()) ? "/" : path;
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        return new WebAddress(scheme, host, port, target);
    }

    /**
     * A host as devskyy compares hosts (here and in the grants): lower case, an IPv6 literal without
     * its brackets, and without the root label's dot ({@code example.com.} is {@code example.com}).
     */
    public static String normalizeHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            return h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * Where a redirect's {@code Location} points, read relative to this address.
     *
     * @throws IllegalArgumentException when it is not a URL devskyy fetches
     */
    public WebAddress resolve(String location) {
        if (location.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the redirect's Location is longer than " + MAX_CHARS + " characters");
        }
        try {
            return of(URI.create(toString()).resolve(new URI(location)));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the redirect's Location is not a valid URL (" + e.getReason() + ")");
        }
    }

    public boolean isSecure() {
        return scheme.equals("https");
    }

    /** The {@code Host} header: the host, bracketed when it is an IPv6 literal, and a port that is not the scheme's. */
    public String authority() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean usual = port == (isSecure() ? 443 : 80);
        return usual ? name : name + ":" + port;
    }

    /** The origin, as browsers compare them: {@code https://example.com}. */
    public String origin() {
        return scheme + "://" + authority();
    }

    /** The URL without its query, for details and logs: a query may carry what a caller searched for. */
    public String withoutQuery() {
        int query = target.indexOf('?');
        return origin() + (query < 0 ? target : target.substring(0, query));
    }

    @Override
    public String toString() {
        return origin() + target;
    }
}
