package dev.belay.junit;

import dev.belay.Implementation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Which firmware a board must run, as {@code belay.firmware} gives it: a version range of clauses
 * separated by commas, all of which must hold ({@code >=1.22}, {@code <2}, {@code >=1.20,<1.24},
 * {@code ==1.27.0}, {@code !=1.23.0}), or, without an operator, an exact text compared with the
 * version the board reports ({@code 1.27.0}) and with its build text
 * ({@code v1.27.0-preview.214.g5ab1c2d on 2025-11-02}, see {@link Implementation#build()}). Versions compare number by number, a missing one
 * counting as 0: {@code 1.22} is {@code 1.22.0}.
 *
 * <pre>{@code
 * FirmwareRequirement.parse(">=1.20,<1.24", "belay.firmware").accepts(device.implementation());
 * }</pre>
 */
final class FirmwareRequirement {

    private static final Pattern CLAUSE = Pattern.compile("(>=|<=|==|!=|>|<)\\s*(\\d{1,9}(?:\\.\\d{1,9})*)");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9})*");

    private final String text;
    private final List<Clause> clauses;

    private FirmwareRequirement(String text, List<Clause> clauses) {
        this.text = text;
        this.clauses = clauses;
    }

    /**
     * Reads a requirement.
     *
     * @param key the configuration key it came from, named when it is not one
     * @throws ExtensionConfigurationException when a clause has an operator but no version after it
     */
    static FirmwareRequirement parse(String text, String key) {
        String requirement = text.strip();
        if (!requirement.isEmpty() && "<>=!".indexOf(requirement.charAt(0)) < 0) {
            return new FirmwareRequirement(requirement, List.of());
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : requirement.split(",", -1)) {
            Matcher clause = CLAUSE.matcher(part.strip());
            if (!clause.matches()) {
                throw new ExtensionConfigurationException("The configuration parameter " + key + " is '" + text
                        + "', but '" + part.strip() + "' is not a version clause. Write a range of clauses such as "
                        + ">=1.22, <2 or >=1.20,<1.24 (operators >=, <=, >, <, ==, !=), or an exact version text "
                        + "such as 1.27.0 without an operator.");
            }
            clauses.add(new Clause(clause.group(1), numbers(clause.group(2))));
        }
        return new FirmwareRequirement(requirement, List.copyOf(clauses));
    }

    /** Whether the board's firmware is one this requires. */
    boolean accepts(Implementation implementation) {
        String version = implementation.version();
        if (clauses.isEmpty()) {
            return text.equals(version) || text.equals(implementation.build());
        }
        if (!VERSION.matcher(version).matches()) {
            return false;
        }
        List<Integer> actual = numbers(version);
        return clauses.stream().allMatch(clause -> clause.holdsFor(actual));
    }

    /**
     * What it requires, in words: {@code >=1.22}, or {@code exactly the version text '1.27'} with a
     * hint when that text looks like a version meant as a range.
     */
    String describe() {
        if (!clauses.isEmpty()) {
            return text;
        }
        return "exactly the version or build text '" + text + "'"
                + (VERSION.matcher(text).matches() ? " (to compare as a version, where 1.27 is 1.27.0, write ==" + text + ")" : "");
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<Integer> numbers(String version) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : version.split("\\.")) {
            numbers.add(Integer.parseInt(number));
        }
        return numbers;
    }

    /** One comparison; versions of different lengths are padded with zeros. */
    private record Clause(String operator, List<Integer> version) {

        boolean holdsFor(List<Integer> actual) {
            int comparison = compare(actual, version);
            return switch (operator) {
                case ">=" -> comparison >= 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                case "<" -> comparison < 0;
                case "==" -> comparison == 0;
                case "!=" -> comparison != 0;
                default -> throw new IllegalStateException("Unknown operator " + operator);
            };
        }

        private static int compare(List<Integer> a, List<Integer> b) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                int difference = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
                if (difference != 0) {
                    return difference;
                }
            }
            return 0;
        }
    }
}
