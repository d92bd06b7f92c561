package dev.ledger.infra.demo;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for a terminal: columns sized to their content, long cells wrapped at word boundaries. */
final class TextTable {

    private final List<String> headers;
    private final int[] maxWidths;
    private final List<List<String>> rows = new ArrayList<>();

    /** {@code maxWidths[i]} caps column i; longer cells wrap onto further lines. */
    TextTable(List<String> headers, int... maxWidths) {
        if (maxWidths.length != headers.size()) {
            throw new IllegalArgumentException("one width per column");
        }
        this.headers = List.copyOf(headers);
        this.maxWidths = maxWidths.clone();
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    String render() {
        int columns = headers.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = Math.min(maxWidths[c], Math.max(widths[c], headers.get(c).length()));
            for (List<String> row : rows) {
                for (String line : wrap(row.get(c), maxWidths[c])) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        if (rows.isEmpty()) {
            out.append("(none)\n");
        }
        for (List<String> row : rows) {
            appendRow(out, row, widths);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < cells.size(); c++) {
            List<String> lines = wrap(cells.get(c), widths[c]);
            wrapped.add(lines);
            height = Math.max(height, lines.size());
        }
        for (int line = 0; line < height; line++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                String part = line < wrapped.get(c).size() ? wrapped.get(c).get(line) : "";
                text.append(c == 0 ? "" : " | ").append(part).append(" ".repeat(widths[c] - part.length()));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            while (word.length() > width) { // a word longer than the column: cut it
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!word.isEmpty()) {
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
