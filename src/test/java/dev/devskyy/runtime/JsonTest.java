package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void canonicalFormSortsKeysAtEveryDepth_withoutSpaces() throws Exception {
        assertThat(Json.canonical(Json.parse("{ \"b\": [ {\"z\":1, \"a\":2} ], \"a\": \"x\" }")))
                .isEqualTo("{\"a\":\"x\",\"b\":[{\"a\":2,\"z\":1}]}");
    }

    @Test
    void equalDocumentsHaveOneCanonicalForm_differentOnesDoNot() throws Exception {
        String one = Json.canonical(Json.parse("{\"a\":1,\"b\":2}"));
        assertThat(Json.canonical(Json.parse("{\"b\":2,\"a\":1}"))).isEqualTo(one);
        assertThat(Json.canonical(Json.parse("{\"a\":1,\"b\":3}"))).isNotEqualTo(one);
    }

    @Test
    void aNumberBeyondRepresentation_isBadJson_notACrash() {
        assertThatThrownBy(() -> Json.parse("{\"a\":12345E6789012345678901234567890}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("number out of range");
        assertThatThrownBy(() -> Json.parse("[1e999999999999]".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void invalidUtf8_isBadJson() {
        assertThatThrownBy(() -> Json.parse(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void duplicateKeysAndTrailingContentAreErrors() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(JsonProcessingException.class);
    }
}
