package dev.belay.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sums up a fuzz run per malformation: how many rounds, how many of them the board really
 * misbehaved in, how many failed, and each distinct way they failed with a count and one
 * reproducing seed.
 *
 * <pre>{@code
 * FindingsTable table = FindingsTable.of(rounds);
 * System.out.println(table.render());
 * table.groups().forEach(group -> ...);
 * }</pre>
 */
final class FindingsTable {

    /** Findings that failed the same way: the first one stands for all. */
    record Group(Malformation kind, String key, List<Finding> findings) {

        String message() {
            return findings.size() + " x " + kind + " -> " + key + "; the first:\n" + findings.get(0);
        }
    }

    private record Counts(int rounds, int played, int failed, long nanos) {}

    private final Map<Malformation, Counts> counts = new EnumMap<>(Malformation.class);
    private final Map<String, Group> groups = new LinkedHashMap<>();

    private FindingsTable() {}

    static FindingsTable of(List<FuzzLane.Round> rounds) {
        FindingsTable table = new FindingsTable();
        for (Malformation kind : Malformation.values()) {
            table.counts.put(kind, new Counts(0, 0, 0, 0));
        }
        List<FuzzLane.Round> ordered = new ArrayList<>(rounds);
        ordered.sort(java.util.Comparator.comparingInt(FuzzLane.Round::number));
        for (FuzzLane.Round round : ordered) {
            Counts was = table.counts.get(round.kind());
            table.counts.put(round.kind(), new Counts(was.rounds() + 1, was.played() + (round.played() ? 1 : 0),
                    was.failed() + (round.findings().isEmpty() ? 0 : 1), was.nanos() + round.nanos()));
            for (Finding finding : round.findings()) {
                String key = key(finding);
                table.groups.computeIfAbsent(round.kind() + "|" + key, k -> new Group(round.kind(), key, new ArrayList<>()))
                        .findings().add(finding);
            }
        }
        return table;
    }

    /** Overruns differ in their exact time: they are grouped by whether the watchdog had to step in. */
    private static String key(Finding finding) {
        String summary = finding.summary();
        if (finding.problem() == Finding.Problem.PAST_DEADLINE) {
            summary = summary.replaceFirst("^over by [0-9.]+ s", "ended late, before the watchdog stepped in");
        }
        return finding.problem().label() + ": " + summary;
    }

    List<Group> groups() {
        return List.copyOf(groups.values());
    }

    String render() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-17s %7s %7s %7s %10s%n", "malformation",
                "rounds", "played", "failed", "s/round"));
        for (Map.Entry<Malformation, Counts> row : counts.entrySet()) {
            Counts c = row.getValue();
            text.append(String.format(Locale.ROOT, "%-17s %7d %7d %7d %10.2f%n", row.getKey(), c.rounds(), c.played(),
                    c.failed(), c.rounds() == 0 ? 0 : c.nanos() / 1e9 / c.rounds()));
            for (Group group : groups.values()) {
                if (group.kind() == row.getKey()) {
                    text.append(String.format(Locale.ROOT, "    %4d x %s (e.g. seed %s)%n", group.findings().size(),
                            group.key(), Finding.seedText(group.findings().get(0).seed())));
                }
            }
        }
        return text.toString();
    }
}
