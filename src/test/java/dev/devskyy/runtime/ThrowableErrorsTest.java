package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one mapping from an unhandled exception to the taxonomy, with the JDK's own exceptions. */
class ThrowableErrorsTest {
    @TempDir
    Path dir;

    private Throwable thrownBy(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            return e;
        }
        throw new AssertionError("did not fail");
    }

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void whatTheCallerCanFixIsInvalidInput_namingTheOperationAndThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "content that must not be shown");
        Path missing = dir.resolve("missing.txt");

        ToolError noSuchFile = ThrowableErrors.toToolError("tool t", thrownBy(() -> Files.readAllBytes(missing)));
        assertThat(noSuchFile.oneLine())
                .isEqualTo("E4001 INVALID_INPUT: tool t could not read " + missing + ": no such file or directory");

        ToolError isDirectory = ThrowableErrors.toToolError("tool t", thrownBy(() -> Files.readAllBytes(dir)));
        assertThat(isDirectory.code()).isEqualTo(ErrorCode.E4001);
        assertThat(isDirectory.getMessage()).contains("is a directory");

        ToolError notDirectory = ThrowableErrors.toToolError(
                "tool t", thrownBy(() -> Files.newDirectoryStream(file).close()));
        assertThat(notDirectory.code()).isEqualTo(ErrorCode.E4001);
        assertThat(notDirectory.getMessage()).contains("not a directory");

        // carried through a lambda as UncheckedIOException, as FileCipher does
        ToolError exists = ThrowableErrors.toToolError(
                "tool t", new UncheckedIOException((IOException) thrownBy(() -> Files.createFile(file))));
        assertThat(exists.oneLine())
                .isEqualTo("E4001 INVALID_INPUT: tool t could not create " + file + ": file exists");
        assertThat(exists.toJson().toString()).doesNotContain("content that must not be shown");
    }

    /** How the JDK reports these errno values (sun.nio.fs.UnixException): reproduced, since root cannot meet EACCES. */
    static Stream<Arguments> osReports() {
        return Stream.of(
                Arguments.of(new AccessDeniedException("/srv/a"), ErrorCode.E4003, "permission denied"),
                Arguments.of(
                        new FileSystemException("/srv/a", null, "Operation not permitted"),
                        ErrorCode.E4003,
                        "operation not permitted"),
                Arguments.of(
                        new FileSystemException("/srv/a", null, "Too many open files"),
                        ErrorCode.E5005,
                        "too many open files"),
                Arguments.of(
                        new FileSystemException("/srv/a", null, "Disk quota exceeded"),
                        ErrorCode.E5005,
                        "disk quota exceeded"),
                Arguments.of(new IOException("Input/output error"), ErrorCode.E5005, "input/output error"),
                Arguments.of(
                        new FileSystemException(
                                "/srv/a", null, "Too many levels of symbolic links or unable to access attributes"),
                        ErrorCode.E4001,
                        "too many levels of symbolic links"));
    }

    @ParameterizedTest
    @MethodSource("osReports")
    void eachOsReasonHasItsCode(Throwable report, ErrorCode code, String reason) {
        ToolError error = ThrowableErrors.toToolError("tool t", report);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).endsWith(": " + reason);
    }

    @Test
    void aMessageThatIsNotAnOsReasonIsNeverRepeated_andStaysInternal() {
        for (Throwable thrown : new Throwable[] {
            new IOException("secret=hunter2"),
            new CharConversionException("secret=hunter2"),
            new FileSystemException("/srv/a", null, "secret=hunter2"),
            new IllegalStateException("secret=hunter2")
        }) {
            ToolError error = ThrowableErrors.toToolError("tool t", thrown);
            assertThat(error.code()).isEqualTo(ErrorCode.E5003);
            assertThat(error.toJson().toString()).doesNotContain("hunter2");
            assertThat(ThrowableErrors.traceWithoutMessages(thrown)).doesNotContain("hunter2");
        }
    }

    @Test
    void aPathIsShownWithItsControlCharactersVisible_andBounded() {
        assertThat(ThrowableErrors.printable("a\u0000b\nc")).isEqualTo("a\\0b\\u000ac");
        assertThat(ThrowableErrors.printable("x".repeat(1000))).hasSize(241).endsWith("…");
    }
}
