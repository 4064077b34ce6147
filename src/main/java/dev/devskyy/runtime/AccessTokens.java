package dev.devskyy.runtime;

import dev.devskyy.net.SpecialAddresses;
import dev.devskyy.net.WebAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who a bearer token stands for, when devskyy serves over HTTP as an OAuth 2.1 resource server (the
 * MCP authorization specification). Deny by default: a token this server cannot verify, or one meant
 * for another resource, stands for no one.
 */
public interface AccessTokens {
    /**
     * What a valid token says of its bearer.
     *
     * @param actor its {@code sub} (or, for a client acting for itself, its {@code client_id})
     * @param scopes the permissions its {@code scope} names; a scope devskyy does not know is dropped
     */
    record Bearer(String actor, Set<ToolPermission> scopes) {}

    /**
     * Makes the verifier for tokens of {@code issuers} meant for {@code resource}; the capability
     * that verifies JWTs supplies it ({@link ToolRegistry#accessTokens}).
     *
     * @param fetch the grants under which the issuers' metadata and keys are fetched
     */
    @FunctionalInterface
    interface Factory {
        AccessTokens create(List<String> issuers, URI resource, Grants fetch);
    }

    /**
     * Whether {@code url} may name an authorization server: a {@linkplain #isPlainWebUrl plain web
     * URL} that devskyy will fetch the server's keys from, which is https, or plain http to an IP
     * address the URL itself names (a test server on loopback), as the guarded client allows. A
     * host name over plain http would be refused at every token, so it is refused at the start.
     */
    static boolean isIssuerUrl(String url) {
        if (!isPlainWebUrl(url)) {
            return false;
        }
        URI parsed = URI.create(url);
        return "https".equals(parsed.getScheme())
                || SpecialAddresses.literal(WebAddress.normalizeHost(parsed.getHost()))
                        .isPresent();
    }

    /**
     * Whether {@code url} is a plain web URL, as an authorization server's or this server's public
     * URL must be: http(s), with a host, and no user, query or fragment, which an issuer identifier
     * never has (RFC 8414 §2) and which would only hide what is trusted.
     */
    static boolean isPlainWebUrl(String url) {
        try {
            URI parsed = new URI(url);
            return parsed.getHost() != null
                    && ("https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme()))
                    && parsed.getRawUserInfo() == null
                    && parsed.getRawQuery() == null
                    && parsed.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The authorization servers whose tokens are accepted, as published in the protected resource metadata. */
    List<String> issuers();

    /** Who {@code token} stands for; empty when it is not a token this server accepts. */
    Optional<Bearer> bearer(String token);

    /** No authorization server trusted: every token is refused. */
    AccessTokens NONE = new AccessTokens() {
        @Override
        public List<String> issuers() {
            return List.of();
        }

        @Override
        public Optional<Bearer> bearer(String token) {
            return Optional.empty();
        }
    };
}
