package dev.devskyy.budget;

import dev.devskyy.runtime.BoundedRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** The size of a JavaScript bundle (a file, or every .js/.mjs file under a directory), raw and gzipped. */
public record BundleSize(long bytes, long gzipBytes, int files) {
    /** The largest bundle file weighed: a JavaScript file past this is over any budget already. */
    private static final long MAX_FILE = 256L << 20;

    static BundleSize measure(Path bundle, UnaryOperator<Path> access) {
        Path real = access.apply(bundle);
        List<Path> files;
        try {
            if (Files.isDirectory(real)) {
                try (Stream<Path> walk = Files.walk(real)) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(p -> {
                                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                                return name.endsWith(".js") || name.endsWith(".mjs");
                            })
                            .sorted()
                            .toList();
                }
            } else {
                files = List.of(real);
            }
            long bytes = 0;
            long gzip = 0;
            for (Path file : files) {
                byte[] content = BoundedRead.bytes(access.apply(file), MAX_FILE, "bundle file");
                bytes = Math.addExact(bytes, content.length);
                gzip = Math.addExact(gzip, gzipped(content));
            }
            return new BundleSize(bytes, gzip, files.size());
        } catch (IOException e) {
            throw new BudgetException(
                    "bundle " + bundle + " cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (ArithmeticException e) {
            throw new BudgetException("bundle " + bundle + " is too large to count (overflow)");
        }
    }

    /** Bytes after gzip at its default level, as a server would send them. */
    private static long gzipped(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.size();
    }
}
