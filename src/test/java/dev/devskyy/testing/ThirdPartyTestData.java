package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Test data other projects wrote, vendored under {@code src/test/resources/third_party/} with its
 * licence and source (see the README there). A missing file fails the test: a test that silently
 * skipped its reference data would be a test that cannot fail.
 */
public final class ThirdPartyTestData {
    private ThirdPartyTestData() {}

    /** The bytes of {@code third_party/<relative>} on the test class path. */
    public static byte[] bytes(String relative) throws IOException {
        try (InputStream in = ThirdPartyTestData.class.getResourceAsStream("/third_party/" + relative)) {
            if (in == null) {
                fail("third-party test data missing: third_party/" + relative);
            }
            return in.readAllBytes();
        }
    }
}
