package dev.ledger.infra.launcher;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The four processes of a local ledger, in start order. */
enum Part {
    POSTGRES("postgres", "PostgreSQL"),
    KAFKA("kafka", "Kafka"),
    COMMAND_SERVICE("command-service", "command-service"),
    QUERY_SERVICE("query-service", "query-service");

    final String id;
    final String title;

    Part(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The parts named on a command line, in start order; none named means all. "command" and "query" name the services. */
    static List<Part> selected(List<String> names) {
        if (names.isEmpty()) {
            return List.of(values());
        }
        Set<Part> wanted = EnumSet.noneOf(Part.class);
        for (String name : names) {
            wanted.add(named(name));
        }
        return new ArrayList<>(wanted);
    }

    private static Part named(String name) {
        for (Part part : values()) {
            if (part.id.equals(name) || part.id.equals(name + "-service")) {
                return part;
            }
        }
        throw new LaunchFailure("unknown part '" + name + "': choose postgres, kafka, command-service or query-service");
    }
}
