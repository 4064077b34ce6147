package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real git repository made by a test, and security_scan called on it through the runtime as an
 * MCP host or the CLI would call it. Commits get a fixed author and date unless told otherwise.
 */
final class GitRepo {
    static final String AUTHOR = "Alice Example";
    static final String EMAIL = "alice@example.org";
    static final String DATE = "2024-01-02T03:04:05+00:00";

    final Path dir;

    GitRepo(Path dir) throws Exception {
        this(dir, true);
    }

    private GitRepo(Path dir, boolean init) throws Exception {
        this.dir = Files.createDirectories(dir);
        if (init) {
            git("init", "-q", "-b", "main");
        }
    }

    /** git run in a directory as it is, nothing initialised. */
    static final class Plain {
        private final GitRepo repo;

        Plain(Path dir) throws Exception {
            repo = new GitRepo(dir, false);
        }

        String git(String... args) throws Exception {
            return repo.git(args);
        }
    }

    /** git in the repository, with no configuration but the author; its stdout. */
    String git(String... args) throws Exception {
        return git(Map.of(), args);
    }

    String git(Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("git", "-c", "user.name=" + AUTHOR, "-c", "user.email=" + EMAIL));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_AUTHOR_DATE", DATE);
        builder.environment().put("GIT_COMMITTER_DATE", DATE);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out.strip();
    }

    void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Writes the file, commits it, and returns the commit id. */
    String commit(String path, String content, String message) throws Exception {
        write(path, content);
        git("add", "--", path);
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    /** security_scan with these arguments (JSON members after "paths"), the grants' root being {@code root}. */
    static ToolCallResult scan(Path root, String arguments) throws IOException {
        return scan(root, arguments, Duration.ofMinutes(1));
    }

    static ToolCallResult scan(Path root, String arguments, Duration timeout) throws IOException {
        ToolRegistry registry = new ToolRegistry();
        registry.register(ScanTools.scan());
        Path state = Files.createTempDirectory("devskyy-state");
        IdempotencyStore store = new IdempotencyStore(state, Duration.ofHours(1), 10, Clock.systemUTC());
        try (ToolRuntime runtime = new ToolRuntime(registry, store, entry -> {})) {
            Grants grants = Grants.of(
                    Set.of(ToolPermission.FILESYSTEM_READ, ToolPermission.FILESYSTEM_WRITE), List.of(root), List.of());
            return runtime.call(ToolCallRequest.builder(
                            "security_scan", Json.parse("{" + arguments + "}"), new Caller("t", grants, null))
                    .timeout(timeout)
                    .build());
        }
    }
}
