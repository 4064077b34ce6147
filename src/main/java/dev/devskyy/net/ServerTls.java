package dev.devskyy.net;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS identity a server presents ({@code serve --http … --tls-cert FILE --tls-key FILE}): a
 * certificate chain and its unencrypted PKCS#8 private key (RSA, EC or Ed25519), both PEM, as
 * certbot, openssl and most tools write them. Failures say what is wrong, never what the key holds.
 */
public final class ServerTls {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private ServerTls() {}

    /**
     * @throws IllegalArgumentException naming what is wrong (not a chain, not a PKCS#8 key, a key
     *     that is not the certificate's)
     */
    public static SSLContext context(byte[] certificatePem, String privateKeyPem) {
        try {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificatePem)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the certificate file holds no PEM certificate");
            }
            PrivateKey key =
                    privateKey(privateKeyPem, chain.get(0).getPublicKey().getAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("devskyy", key, none, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException(
                    "the certificate or key cannot be used: " + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
        Matcher block = PRIVATE_KEY.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException(
                    "the key file holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with "
                            + "openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(1));
        String family = algorithm.equals("EdDSA") || algorithm.equals("Ed25519") ? "Ed25519" : algorithm;
        return KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
