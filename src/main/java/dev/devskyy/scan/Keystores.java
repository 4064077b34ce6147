package dev.devskyy.scan;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Binary keystores, the one kind of binary file the secrets check reports: PKCS#12 ({@code .p12},
 * {@code .pfx}) and Java's JKS and JCEKS, known by their magic bytes, or by their names when the
 * format has no magic (BouncyCastle's BKS). Nothing is decrypted and no password is tried. A JKS
 * or JCEKS store is walked entry by entry far enough to see whether it holds a private or secret
 * key: one holding only trusted certificates (a truststore) is public material, not a secret. A
 * PKCS#12 store encrypts its bags, so whether it holds a key cannot be known without its password:
 * it is always reported, one step lower.
 */
final class Keystores {
    static final Rule JAVA = rule(
            "java-keystore",
            "Java keystore (JKS, JCEKS or BKS) holding a private or secret key",
            Severity.CRITICAL,
            "A keystore with private keys belongs in a secret store, not in the repository: remove it from "
                    + "the tree and its history, and replace the keys it holds (its password does not protect "
                    + "it against offline guessing). Truststores holding only certificates are not reported.");

    static final Rule PKCS12 = rule(
            "pkcs12-keystore",
            "PKCS#12 keystore (.p12, .pfx), which usually holds a private key",
            Severity.HIGH,
            "A PKCS#12 file usually carries a private key with its certificate, protected only by a password "
                    + "that can be guessed offline: remove it from the tree and its history and replace the key. "
                    + "If it holds only certificates, accept it in a baseline.");

    static final List<Rule> RULES = List.of(JAVA, PKCS12);

    private static final byte[] PKCS7_OID_PREFIX = {
        0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07
    };

    private Keystores() {}

    private static Rule rule(String id, String description, Severity severity, String help) {
        return new Rule(
                id,
                description,
                Category.SECRET,
                severity,
                null,
                null,
                List.of(),
                0,
                List.of(),
                List.of(),
                List.of(),
                null,
                0,
                0,
                "CWE-321",
                help,
                false,
                Rule.Priority.VENDOR,
                false);
    }

    /** The rule a binary file's bytes or name call for, or null for anything else (and truststores). */
    static Rule match(Path fileName, byte[] data, int length) {
        int magic = length >= 4 ? Java.u32(data, 0) : 0;
        if (magic == Java.JKS || magic == Java.JCEKS) {
            return Java.holdsKey(data, length) ? JAVA : null;
        }
        if (isPkcs12(data, length)) {
            return PKCS12;
        }
        String name = fileName.toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return PKCS12;
        }
        if (name.endsWith(".bks") || name.endsWith(".jks") || name.endsWith(".jceks") || name.endsWith(".keystore")) {
            return JAVA;
        }
        return null;
    }

    /** Whether {@link #match} could say yes from these first bytes: an archive entry worth reading whole. */
    static boolean mayBe(Path fileName, byte[] data, int length) {
        int magic = length >= 4 ? Java.u32(data, 0) : 0;
        return magic == Java.JKS || magic == Java.JCEKS || match(fileName, data, length) != null;
    }

    /**
     * Found at line 1, shown by its format; its fingerprint hashes the whole file, so a replaced
     * keystore is a new finding.
     */
    static Finding finding(Rule rule, String path, byte[] data, int length) {
        String digest;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, 0, length);
            digest = HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        String shown = rule == JAVA ? "Java keystore, " + length + " bytes" : "PKCS#12, " + length + " bytes";
        return Finding.ofRule(rule, path, 1, 1, 1, shown, Fingerprints.of(rule.id(), path, digest, 1));
    }

    /**
     * PFX as RFC 7292 writes it: SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data or -signedData …
     * (1.2.840.113549.1.7.1 or .2) } }, each length in DER's or BER's (indefinite) form.
     */
    static boolean isPkcs12(byte[] data, int length) {
        int at = sequenceBody(data, length, 0);
        if (at < 0 || at + 3 > length || data[at] != 0x02 || data[at + 1] != 0x01 || data[at + 2] != 0x03) {
            return false;
        }
        at = sequenceBody(data, length, at + 3);
        if (at < 0 || at + PKCS7_OID_PREFIX.length + 1 > length) {
            return false;
        }
        for (int i = 0; i < PKCS7_OID_PREFIX.length; i++) {
            if (data[at + i] != PKCS7_OID_PREFIX[i]) {
                return false;
            }
        }
        int kind = data[at + PKCS7_OID_PREFIX.length];
        return kind == 1 || kind == 2;
    }

    /** Where the body of a SEQUENCE at {@code at} starts, or -1 when none is there. */
    private static int sequenceBody(byte[] data, int length, int at) {
        if (at + 2 > length || data[at] != 0x30) {
            return -1;
        }
        int first = data[at + 1] & 0xff;
        if (first < 0x80 || first == 0x80) {
            return at + 2; // short form, or BER's indefinite length
        }
        int octets = first & 0x7f;
        return octets > 4 || at + 2 + octets > length ? -1 : at + 2 + octets;
    }

    /**
     * JKS and JCEKS as the JDK writes them: magic, version, entry count, then entries of tag (1 a
     * private key, 2 a trusted certificate, 3 a secret key), alias and date; a certificate entry
     * carries its type (version 2) and its encoding. Only certificate entries are skipped over, so
     * the walk stops at the first key; a store it cannot follow to the end is reported.
     */
    private static final class Java {
        static final int JKS = 0xfeedfeed;
        static final int JCEKS = 0xcececece;

        static boolean holdsKey(byte[] data, int length) {
            if (length < 12) {
                return true;
            }
            long version = u32(data, 4) & 0xffffffffL;
            long count = u32(data, 8) & 0xffffffffL;
            long at = 12;
            for (long i = 0; i < count; i++) {
                if (at + 4 > length || u32(data, (int) at) != 2) {
                    return true;
                }
                at = utf(data, length, at + 4); // alias
                at = at < 0 ? -1 : at + 8; // date
                if (version == 2) {
                    at = utf(data, length, at); // certificate type
                }
                if (at < 0 || at + 4 > length) {
                    return true;
                }
                at += 4 + (u32(data, (int) at) & 0xffffffffL);
            }
            return at > length;
        }

        /** Past a DataOutput UTF string at {@code at}; -1 when it does not fit. */
        static long utf(byte[] data, int length, long at) {
            if (at < 0 || at + 2 > length) {
                return -1;
            }
            long end = at + 2 + (((data[(int) at] & 0xff) << 8) | (data[(int) at + 1] & 0xff));
            return end > length ? -1 : end;
        }

        static int u32(byte[] data, int at) {
            return (data[at] & 0xff) << 24
                    | (data[at + 1] & 0xff) << 16
                    | (data[at + 2] & 0xff) << 8
                    | data[at + 3] & 0xff;
        }
    }
}
