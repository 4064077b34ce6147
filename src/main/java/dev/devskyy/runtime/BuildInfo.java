package dev.devskyy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts baked in at build time (version.properties, filtered by Maven). */
public final class BuildInfo {
    private BuildInfo() {}

    /** The project version, e.g. {@code 0.1.0}. */
    public static String version() {
        return properties().getProperty("version", "unknown");
    }

    /** The abbreviated git commit the jar was built from, or {@code unknown} when not built from git. */
    public static String commit() {
        return properties().getProperty("commit", "unknown");
    }

    private static Properties properties() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/devskyy/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
