package dev.ledger.bench.report;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes report.json (for scripts comparing runs) and report.md (for people) from one {@link Report}. */
public final class ReportWriter {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public static void write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(report)) + "\n");
        Files.writeString(directory.resolve("report.md"), markdown(report));
    }

    static Map<String, Object> json(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", report.mode);
        root.put("startedAt", report.startedAt.toString());
        root.put("finishedAt", report.finishedAt == null ? null : report.finishedAt.toString());
        root.put("durationSeconds", report.finishedAt == null ? null
                : Duration.between(report.startedAt, report.finishedAt).toMillis() / 1000.0);
        root.put("machine", report.machine);
        root.put("versions", report.versions);
        root.put("load", report.load);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure figure : report.figures) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", figure.name());
            f.put("value", round(figure.value()));
            f.put("unit", figure.unit());
            f.put("limit", round(figure.limit()));
            f.put("ratio", figure.ratio() == null ? null : Math.round(figure.ratio() * 1000) / 1000.0);
            f.put("target", figure.target());
            f.put("met", figure.met());
            f.put("description", figure.description());
            f.put("limitDescription", figure.limitDescription());
            f.put("note", figure.note());
            f.put("bound", figure.bound());
            figures.add(f);
        }
        root.put("figures", figures);
        root.put("phases", report.phases);
        root.put("notes", report.notes);
        return root;
    }

    static String markdown(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# Ledger benchmark report (").append(report.mode).append(")\n\n");
        md.append("Started ").append(report.startedAt).append(", finished ").append(report.finishedAt);
        if (report.finishedAt != null) {
            md.append(" (").append(Duration.between(report.startedAt, report.finishedAt).toSeconds()).append(" s)");
        }
        md.append(".\n\n## Machine and versions\n\n| | |\n|---|---|\n");
        report.machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        report.versions.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Load actually used\n\n| | |\n|---|---|\n");
        report.load.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Figures\n\n");
        md.append("| figure | value | limit (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n");
        for (Figure f : report.figures) {
            md.append("| ").append(f.name()).append(" | ")
                    .append(f.value() == null ? "not measured" : number(f.value()) + " " + f.unit()).append(" | ")
                    .append(f.limit() == null ? "" : number(f.limit()) + " " + f.unit()).append(" | ")
                    .append(f.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", f.ratio())).append(" | ")
                    .append(f.target() == null ? "" : f.target().replace("|", "/")).append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n### What each figure is\n\n");
        for (Figure f : report.figures) {
            md.append("- **").append(f.name()).append("**: ").append(f.description());
            if (f.limitDescription() != null) {
                md.append(" Limit: ").append(f.limitDescription());
            }
            if (f.note() != null) {
                md.append(" *").append(f.note()).append("*");
            }
            md.append('\n');
        }
        List<Figure> missed = report.figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).toList();
        if (!missed.isEmpty()) {
            md.append("\n## Targets missed, and what bounds them\n\n");
            for (Figure f : missed) {
                md.append("- **").append(f.name()).append("** (").append(number(f.value())).append(" ").append(f.unit())
                        .append(", target ").append(f.target()).append("): ")
                        .append(f.bound() == null ? "no evidence collected" : f.bound()).append('\n');
            }
        }
        md.append("\n## CPU during each phase\n\n| phase | seconds | CPU |\n|---|---|---|\n");
        for (Map<String, Object> phase : report.phases) {
            md.append("| ").append(phase.get("name")).append(" | ").append(phase.get("seconds")).append(" | ")
                    .append(phase.get("cpu")).append(" |\n");
        }
        if (!report.notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            report.notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static Object round(Double value) {
        if (value == null) {
            return null;
        }
        return Math.abs(value) >= 100 ? (Object) (Math.round(value * 10) / 10.0) : (Object) (Math.round(value * 1000) / 1000.0);
    }

    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
