package dev.devskyy.runtime;

import dev.devskyy.io.BoundedRead;
import dev.devskyy.net.Proxies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the process environment says about the network, read once per process on the first network
 * call: the certificate authorities HTTPS trusts (the JDK's own, or, when {@code SSL_CERT_FILE}
 * names a PEM bundle, exactly the certificates in it, as OpenSSL, curl and Python do: a company's
 * inspecting proxy, a private CA, a test server) and the proxies ({@link Proxies}).
 */
final class NetworkEnvironment {
    static final String VARIABLE = "SSL_CERT_FILE";
    /** A bundle of every public CA is about 220 KiB. */
    static final long MAX_BUNDLE_BYTES = 4L * 1024 * 1024;

    private static SSLSocketFactory factory;
    private static Proxies proxies;

    private NetworkEnvironment() {}

    /** @throws ToolError E4001 when a proxy variable names something devskyy cannot use */
    static synchronized Proxies proxies() {
        if (proxies == null) {
            try {
                proxies = Proxies.fromEnvironment(System.getenv());
            } catch (IllegalArgumentException e) {
                throw ToolError.of(ErrorCode.E4001, e.getMessage());
            }
        }
        return proxies;
    }

    static synchronized SSLSocketFactory socketFactory() {
        if (factory == null) {
            factory = load(System.getenv(VARIABLE));
        }
        return factory;
    }

    /** @param bundle the path {@code SSL_CERT_FILE} names, or null for the JDK's authorities */
    static SSLSocketFactory load(String bundle) {
        try {
            if (bundle == null || bundle.isEmpty()) {
                return SSLContext.getDefault().getSocketFactory();
            }
            Collection<? extends Certificate> certificates;
            try {
                byte[] pem = BoundedRead.bytes(Path.of(bundle), MAX_BUNDLE_BYTES);
                certificates =
                        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw ToolError.of(
                        ErrorCode.E4001,
                        "cannot read the certificates " + VARIABLE + " names ("
                                + e.getClass().getSimpleName() + ")");
            }
            if (certificates.isEmpty()) {
                throw ToolError.of(ErrorCode.E4001, "the file " + VARIABLE + " names holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw ToolError.of(
                    ErrorCode.E5003,
                    "the JDK's TLS is unavailable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
