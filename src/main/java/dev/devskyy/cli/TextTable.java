package dev.devskyy.cli;

import java.util.List;

/** Rows as aligned columns, two spaces apart; the last column is free text and is not padded. */
final class TextTable {
    private TextTable() {}

    static String of(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.append(row[columns - 1]).append('\n');
        }
        return out.toString();
    }
}
