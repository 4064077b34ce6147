package dev.devskyy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devskyy.io.PasswordPrompt;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.CallerStreams;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password is asked of the terminal the caller hands in, and only then; never of the process's console. */
class KeySourceTest {
    @TempDir
    Path root;

    @TempDir
    Path state;

    static final KeySource.Settings NOTHING = new KeySource.Settings(null, null, null, null, null, false);
    static final KeySource.Settings ASK = new KeySource.Settings(null, null, null, null, null, true);
    static final Map<String, String> KEY_IN_ENV =
            Map.of(KeySource.DEFAULT_KEY_ENV, Base64.getEncoder().encodeToString(new byte[32]));

    /** A person who types the given answers in turn; the questions they were asked are kept. */
    static final class Person implements PasswordPrompt {
        final Deque<String> answers;
        final List<String> asked = new ArrayList<>();

        Person(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public char[] ask(String question) {
            asked.add(question);
            String answer = answers.poll();
            return answer == null ? null : answer.toCharArray();
        }
    }

    @Test
    void withNoKeyAnywhere_aTerminalMeansAPassword_askedTwiceToProtect_onceToOpen() {
        Person person = new Person("tr0ub4dor", "tr0ub4dor", "tr0ub4dor");
        KeySource keys = new KeySource(NOTHING, Map.of(), person);
        assertThat(keys.hasPassword()).isTrue();
        assertThat(new String(keys.newPassword(), StandardCharsets.UTF_8)).isEqualTo("tr0ub4dor");
        assertThat(new String(keys.password(), StandardCharsets.UTF_8)).isEqualTo("tr0ub4dor");
        assertThat(person.asked).containsExactly("Password: ", "Password again: ", "Password: ");
    }

    @Test
    void aConfiguredKeyWins_andNobodyIsAsked() {
        Person person = new Person();
        KeySource keys = new KeySource(NOTHING, KEY_IN_ENV, person);
        assertThat(keys.hasPassword()).isFalse();
        assertThat(keys.masterKeys().currentVersion()).isEqualTo("v1");
        assertThat(person.asked).isEmpty();
    }

    @Test
    void withoutATerminal_nobodyIsAsked_andTheErrorSaysWhatToGive() {
        KeySource keys = new KeySource(NOTHING, Map.of(), null);
        assertThat(keys.hasPassword()).isFalse();
        assertThatThrownBy(keys::password).hasMessageContaining("give --password-file, --password-env");
        KeySource asked = new KeySource(ASK, Map.of(), null);
        assertThatThrownBy(asked::password).hasMessage("no terminal to ask for the password");
    }

    @Test
    void twoDifferentAnswers_orNone_areRefused_withoutQuotingWhatWasTyped() {
        assertThatThrownBy(() -> new KeySource(ASK, Map.of(), new Person("one", "two")).newPassword())
                .hasMessage("the two passwords differ");
        assertThatThrownBy(() -> new KeySource(ASK, Map.of(), new Person()).password())
                .hasMessage("no password given");
        assertThatThrownBy(() -> new KeySource(ASK, Map.of(), new Person("")).password())
                .hasMessage("the password is empty");
    }

    @Test
    void throughTheRuntime_onlyACallerThatHandsInItsTerminalIsAsked() throws Exception {
        ToolRegistry registry = new ToolRegistry();
        CryptoTools.all(Map.of(), text -> new BitSet()).forEach(registry::register);
        Path plain = Files.writeString(root.resolve("note.txt"), "meet at noon");
        Grants grants = Grants.of(
                Set.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE, ToolPermission.KEYS_USE),
                List.of(root),
                List.of());
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD)) {
            ToolCallRequest.Builder request = ToolCallRequest.builder(
                    "crypto_encrypt_file",
                    Json.parse("{\"path\":" + Json.tree(plain.toString()) + "}"),
                    new Caller("t", grants, null));
            // as over MCP: no streams, no terminal
            ToolCallResult remote = runtime.call(request.build());
            assertThat(remote.text()).contains("no key: set ENCRYPTION_MASTER_KEY");

            Person person = new Person("tr0ub4dor", "tr0ub4dor");
            ToolCallResult local = runtime.call(request.streams(new CallerStreams(
                            new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), person))
                    .build());
            assertThat(local.isError()).as(local.text()).isFalse();
            assertThat(person.asked).containsExactly("Password: ", "Password again: ");
            assertThat(local.text()).doesNotContain("tr0ub4dor");
        }
    }
}
