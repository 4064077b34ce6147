package dev.devskyy.budget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** The size of a JavaScript bundle (a file, or every .js/.mjs file under a directory), raw and gzipped. */
public record BundleSize(long bytes, long gzipBytes, int files) {

    static BundleSize measure(Path bundle, AssetFiles files) {
        // A file named itself is weighed whatever its name; under a directory, only scripts are.
        List<Path> scripts = files.files(bundle).stream()
                .filter(p -> p.equals(bundle) || isScript(p))
                .toList();
        long bytes = 0;
        long gzip = 0;
        try {
            for (Path file : scripts) {
                byte[] content = files.read(file, BudgetCheck.MAX_FILE_BYTES);
                bytes = Math.addExact(bytes, content.length);
                gzip = Math.addExact(gzip, gzipped(content));
            }
        } catch (IOException e) {
            throw new BudgetException("bundle " + bundle + " cannot be compressed ("
                    + e.getClass().getSimpleName() + ")");
        } catch (ArithmeticException e) {
            throw new BudgetException("bundle " + bundle + " is too large to count (overflow)");
        }
        return new BundleSize(bytes, gzip, scripts.size());
    }

    private static boolean isScript(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".js") || name.endsWith(".mjs");
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
