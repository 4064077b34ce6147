package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolRegistryTest {
    @Test
    void listsToolsSortedByName() {
        ToolRegistry registry = new ToolRegistry()
                .register(tool("zeta", echo()).build())
                .register(tool("alpha", echo()).build())
                .register(tool("mid_1", echo()).build());
        assertThat(registry.list()).extracting(ToolSpec::name).containsExactly("alpha", "mid_1", "zeta");
    }

    @Test
    void rejectsASecondToolOfTheSameName() {
        ToolRegistry registry = new ToolRegistry().register(tool("echo", echo()).build());
        assertThatThrownBy(() -> registry.register(tool("echo", echo()).build()))
                .hasMessageContaining("already registered");
    }

    @Test
    void findsByExactName() {
        ToolRegistry registry = new ToolRegistry().register(tool("echo", echo()).build());
        assertThat(registry.find("echo")).isPresent();
        assertThat(registry.find("ECHO")).isEmpty();
    }
}
