package dev.ledger.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run found: machine, versions, load actually used, figures, CPU per phase, notes. */
public final class Report {

    public final String mode;
    public final Instant startedAt = Instant.now();
    public Instant finishedAt;
    public final Map<String, Object> machine = new LinkedHashMap<>();
    public final Map<String, Object> versions = new LinkedHashMap<>();
    public final Map<String, Object> load = new LinkedHashMap<>();
    public final List<Figure> figures = new ArrayList<>();
    public final List<Map<String, Object>> phases = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();

    public Report(String mode) {
        this.mode = mode;
    }

    public synchronized void add(Figure figure) {
        figures.add(figure);
    }
}
