package dev.devskyy.scan.archive;

import java.util.StringJoiner;

/**
 * An entry's name as reports show it after {@code !}: a plain relative path. Nothing is ever
 * extracted, but a name is shown, fingerprinted and matched against rules' file globs, so one that
 * would climb out of an extraction directory, or forge a report line, is refused, as careful
 * extractors refuse it.
 */
public final class EntryName {
    private EntryName() {}

    /**
     * {@code raw} with backslashes read as separators (as Windows tools write them) and {@code .}
     * and empty segments dropped.
     *
     * @throws ArchiveException (ENTRY_NAME) when it is empty, absolute (a leading separator or a
     *     drive letter), has a {@code ..} segment, or holds a control character (NUL among them)
     */
    public static String of(String raw) throws ArchiveException {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw refused("a control character");
            }
        }
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || (name.length() >= 2 && name.charAt(1) == ':')) {
            throw refused("an absolute path");
        }
        StringJoiner path = new StringJoiner("/");
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw refused("a '..' segment");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                path.add(segment);
            }
        }
        if (path.length() == 0) {
            throw refused("no name");
        }
        return path.toString();
    }

    private static ArchiveException refused(String what) {
        return new ArchiveException(ArchiveException.Problem.ENTRY_NAME, "an entry name with " + what);
    }
}
