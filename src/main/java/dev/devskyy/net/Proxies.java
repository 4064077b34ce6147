package dev.devskyy.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP proxies the environment names, read as curl reads them: {@code https_proxy} (or
 * {@code HTTPS_PROXY}) for https URLs, {@code http_proxy} for http ones (never the upper-case
 * form, which a CGI request can set through its {@code Proxy:} header), {@code all_proxy} (or
 * {@code ALL_PROXY}) for both, and {@code no_proxy} (or {@code NO_PROXY}): hosts, domains and
 * IP addresses reached directly, {@code *} for all. A proxy is an {@code http://} URL; its
 * credentials become a Basic {@code Proxy-Authorization} and are never shown.
 */
public final class Proxies {
    /** One proxy: where it listens, and the Proxy-Authorization value its URL's credentials make. */
    public record Proxy(String host, int port, String authorization) {
        @Override
        public String toString() {
            return host + ":" + port; // never the credentials
        }
    }

    public static final Proxies NONE = new Proxies(null, null, List.of());

    private final Proxy https;
    private final Proxy http;
    private final List<String> direct;

    private Proxies(Proxy https, Proxy http, List<String> direct) {
        this.https = https;
        this.http = http;
        this.direct = direct;
    }

    /**
     * @throws IllegalArgumentException naming the variable whose proxy URL devskyy cannot use
     */
    public static Proxies fromEnvironment(Map<String, String> env) {
        Proxy all = proxy(env, "all_proxy", "ALL_PROXY");
        Proxy https = proxy(env, "https_proxy", "HTTPS_PROXY");
        Proxy http = proxy(env, "http_proxy", null);
        List<String> direct = new ArrayList<>();
        String noProxy = first(env, "no_proxy", "NO_PROXY");
        if (noProxy != null) {
            for (String entry : noProxy.split(",")) {
                String e = entry.strip().toLowerCase(Locale.ROOT);
                if (e.startsWith("[")) {
                    e = e.substring(1, Math.max(1, e.indexOf(']')));
                } else if (e.indexOf(':') == e.lastIndexOf(':') && e.indexOf(':') > 0) {
                    e = e.substring(0, e.indexOf(':')); // a port: curl ignores it too
                }
                if (!e.isEmpty()) {
                    direct.add(e.startsWith(".") ? e.substring(1) : e);
                }
            }
        }
        return new Proxies(https != null ? https : all, http != null ? http : all, List.copyOf(direct));
    }

    /** The proxy a request for {@code address} goes through, if any. */
    public Optional<Proxy> forAddress(WebAddress address) {
        for (String d : direct) {
            if (d.equals("*") || address.host().equals(d) || address.host().endsWith("." + d)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(address.isSecure() ? https : http);
    }

    private static String first(Map<String, String> env, String lower, String upper) {
        String value = env.get(lower);
        if ((value == null || value.isBlank()) && upper != null) {
            value = env.get(upper);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Proxy proxy(Map<String, String> env, String lower, String upper) {
        String value = first(env, lower, upper);
        if (value == null) {
            return null;
        }
        String variable = env.containsKey(lower) && !env.get(lower).isBlank() ? lower : upper;
        URI uri;
        try {
            uri = new URI(value.contains("://") ? value : "http://" + value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a proxy URL devskyy can use");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    variable + " must name an http:// proxy (devskyy tunnels through it with CONNECT)");
        }
        String authorization = null;
        if (uri.getRawUserInfo() != null) {
            String credentials = URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new Proxy(host, uri.getPort() == -1 ? 1080 : uri.getPort(), authorization);
    }
}
