package dev.ledger.bench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes of the ledger's parts on this machine, read from /proc (Linux). A part's pid comes from the
 * pid files `./ledger up` writes ($LEDGER_DATA/run/PART.pid), else from a process whose command line carries
 * `-Dledger.part=PART`. PostgreSQL is the postmaster (from its postmaster.pid) with all its backends.
 */
public final class LedgerProcesses {

    public static final List<String> PARTS = List.of("command-service", "query-service", "kafka", "postgres");

    private final Path ledgerData;

    public LedgerProcesses(Path ledgerData) {
        this.ledgerData = ledgerData;
    }

    public static boolean procAvailable() {
        return Files.isReadable(Path.of("/proc/self/status"));
    }

    /** The root pid of each part found, by part name. */
    public Map<String, Long> roots() {
        Map<String, Long> roots = new LinkedHashMap<>();
        for (String part : PARTS) {
            Long pid = null;
            if (part.equals("postgres") && ledgerData != null) {
                pid = firstNumber(ledgerData.resolve("postgres/postmaster.pid"));
            }
            if (pid == null && ledgerData != null) {
                pid = firstNumber(ledgerData.resolve("run/" + part + ".pid"));
            }
            if (pid == null || !alive(pid)) {
                pid = byCommandLine(part);
            }
            if (pid != null && alive(pid)) {
                roots.put(part, pid);
            }
        }
        return roots;
    }

    /** The pid and all its live descendants. */
    public static List<Long> tree(long root, Map<Long, Long> parentOf) {
        List<Long> tree = new ArrayList<>();
        tree.add(root);
        for (int i = 0; i < tree.size(); i++) {
            long pid = tree.get(i);
            parentOf.forEach((child, parent) -> {
                if (parent == pid && !tree.contains(child)) {
                    tree.add(child);
                }
            });
        }
        return tree;
    }

    /** Parent pid of every process. */
    public static Map<Long, Long> parents() {
        Map<Long, Long> parents = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.forEach(entry -> {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    return;
                }
                String[] stat = stat(Long.parseLong(name));
                if (stat != null) {
                    parents.put(Long.parseLong(name), Long.parseLong(stat[1]));
                }
            });
        } catch (IOException e) {
            return parents;
        }
        return parents;
    }

    /**
     * The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime,
     * [13] cutime, [14] cstime (clock ticks); null when the process is gone.
     */
    public static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A field of /proc/PID/status in kB (VmRSS, VmHWM), or -1. */
    public static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static boolean alive(long pid) {
        String[] stat = stat(pid);
        return stat != null && !stat[0].equals("Z");
    }

    private static Long byCommandLine(String part) {
        String marker = "-Dledger.part=" + part;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(name -> {
                        try {
                            String cmdline = Files.readString(Path.of("/proc/" + name + "/cmdline")).replace('\0', ' ') + " ";
                            return cmdline.contains(marker + " ") && cmdline.contains("java");
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .map(Long::parseLong).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Long firstNumber(Path file) {
        try {
            String first = Files.readAllLines(file).get(0).replaceAll("[^0-9]", "");
            return first.isEmpty() ? null : Long.parseLong(first);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
