package dev.devskyy.scan;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * One file-name glob of a rule. The shapes rules use — {@code *.py}, {@code .env},
 * {@code .env.*} — are tested as string ends, equality and starts; a JDK glob matcher runs a
 * regex, which costs more than scanning a small file, and every rule asks for every file.
 */
final class FileNameGlob {
    private enum Shape {
        SUFFIX,
        EXACT,
        PREFIX,
        GENERAL
    }

    private final Shape shape;
    private final String text;
    private final PathMatcher general;

    private FileNameGlob(Shape shape, String text, PathMatcher general) {
        this.shape = shape;
        this.text = text;
        this.general = general;
    }

    static FileNameGlob of(String glob) {
        if (glob.startsWith("*") && isLiteral(glob.substring(1))) {
            return new FileNameGlob(Shape.SUFFIX, glob.substring(1), null);
        }
        if (isLiteral(glob)) {
            return new FileNameGlob(Shape.EXACT, glob, null);
        }
        if (glob.endsWith("*") && isLiteral(glob.substring(0, glob.length() - 1))) {
            return new FileNameGlob(Shape.PREFIX, glob.substring(0, glob.length() - 1), null);
        }
        return new FileNameGlob(Shape.GENERAL, glob, FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }

    private static boolean isLiteral(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("*?[]{}\\/".indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    boolean matches(Path fileName) {
        return switch (shape) {
            case SUFFIX -> fileName.toString().endsWith(text);
            case EXACT -> fileName.toString().equals(text);
            case PREFIX -> fileName.toString().startsWith(text);
            case GENERAL -> general.matches(fileName);
        };
    }
}
