package dev.devskyy.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a byte count: {@code 1048576}, {@code 512K}, {@code 5M} or {@code 1G} (powers of 1024). */
final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([KMG]?)(?:i?B)?");

    @Override
    public Long convert(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size (e.g. 1048576, 512K, 5M, 1G)");
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        long size = Long.parseLong(m.group(1)) << shift;
        if (size < 1 || size > 1L << 30) {
            throw new TypeConversionException("'" + text + "' must be between 1 byte and 1G");
        }
        return size;
    }
}
