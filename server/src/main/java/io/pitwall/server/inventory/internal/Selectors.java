package io.pitwall.server.inventory.internal;

import cz.jirutka.rsql.parser.ast.ComparisonNode;
import cz.jirutka.rsql.parser.ast.ComparisonOperator;
import cz.jirutka.rsql.parser.ast.RSQLOperators;
import io.pitwall.server.inventory.SemanticVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The whitelist of filter selectors and what each compiles to. Column names come only from this class;
 * every value goes through {@code bind}. Vehicle fields: {@code vin model modelYear region market
 * customerType connectivity}; {@code attr.<name>}; {@code tag}; {@code ecu.<TYPE>.version},
 * {@code ecu.<TYPE>.hardwareId}, {@code ecu.<TYPE>.hardwareVariant}, {@code ecu.hardwareId}.
 * {@code ==} and {@code =in=} on an attribute, tag or ECU need one that matches; {@code !=} and
 * {@code =out=} need none to match (so a vehicle without that ECU or attribute matches them).
 * Ordering operators work on {@code modelYear} (numbers) and ECU versions (SemVer precedence, see
 * {@link SemanticVersion}; stored versions that are not SemVer never satisfy an ordering comparison, and
 * {@code ==}/{@code =in=} on versions compare the stored text exactly). ECU types are the upper-case names
 * of {@link io.pitwall.server.inventory.EcuType}. Values are literal: {@code *} is no wildcard.
 */
public final class Selectors {

    /** The distinct software versions stored on ECUs of a type. */
    @FunctionalInterface
    public interface VersionLookup {
        Collection<String> versions(String ecuType);
    }

    static final int MAX_ARGUMENTS = 100;
    private static final int MAX_VALUE = 256;
    private static final Map<String, String> FIELDS = Map.of(
            "vin",
            "v.vin",
            "model",
            "v.model",
            "region",
            "v.region",
            "market",
            "v.market",
            "customerType",
            "v.customer_type",
            "connectivity",
            "v.connectivity");
    private static final Map<String, String> ECU_COLUMNS =
            Map.of("version", "software_version", "hardwareId", "hardware_id", "hardwareVariant", "hardware_variant");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern ECU =
            Pattern.compile("ecu\\.([A-Z][A-Z0-9_]{0,31})\\.(version|hardwareId|hardwareVariant)");
    private static final Pattern YEAR = Pattern.compile("[0-9]{1,4}");
    private static final List<ComparisonOperator> SETS =
            List.of(RSQLOperators.EQUAL, RSQLOperators.NOT_EQUAL, RSQLOperators.IN, RSQLOperators.NOT_IN);

    private final VersionLookup versions;
    private final Function<Object, String> bind;

    Selectors(VersionLookup versions, Function<Object, String> bind) {
        this.versions = versions;
        this.bind = bind;
    }

    String compile(ComparisonNode node) {
        String selector = node.getSelector();
        ComparisonOperator op = node.getOperator();
        List<String> args = node.getArguments();
        if (args.size() > MAX_ARGUMENTS) {
            throw RsqlCompiler.invalid("'" + clip(selector) + "' has more than " + MAX_ARGUMENTS + " values");
        }
        for (String arg : args) {
            if (arg.length() > MAX_VALUE) {
                throw RsqlCompiler.invalid("A value of '" + clip(selector) + "' is longer than " + MAX_VALUE);
            }
        }
        if (FIELDS.containsKey(selector)) {
            return FIELDS.get(selector) + " " + membership(selector, op, args);
        }
        if (selector.equals("modelYear")) {
            return modelYear(op, args);
        }
        if (selector.equals("tag")) {
            return exists(
                    op,
                    "SELECT 1 FROM vehicle_tag t WHERE t.vin = v.vin AND t.tag "
                            + membership(selector, positive(op), args));
        }
        if (selector.startsWith("attr.") && NAME.matcher(selector.substring(5)).matches()) {
            return exists(
                    op,
                    "SELECT 1 FROM vehicle_attribute a WHERE a.vin = v.vin AND a.name = "
                            + bind.apply(selector.substring(5)) + " AND a.attr_value "
                            + membership(selector, positive(op), args));
        }
        if (selector.equals("ecu.hardwareId")) {
            return exists(
                    op,
                    "SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.hardware_id "
                            + membership(selector, positive(op), args));
        }
        var ecu = ECU.matcher(selector);
        if (ecu.matches()) {
            String prefix = "SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.ecu_type = " + bind.apply(ecu.group(1))
                    + " AND e." + ECU_COLUMNS.get(ecu.group(2)) + " ";
            if (!SETS.contains(op) && ecu.group(2).equals("version")) {
                return "EXISTS (" + prefix + versionRange(ecu.group(1), selector, op, args.get(0)) + ")";
            }
            return exists(op, prefix + membership(selector, positive(op), args));
        }
        throw RsqlCompiler.invalid("Unknown selector '" + clip(selector) + "'; selectors are " + FIELDS.keySet()
                + ", modelYear, tag, attr.<name>, ecu.hardwareId, ecu.<TYPE>.version|hardwareId|hardwareVariant");
    }

    /** {@code = :p}, {@code <> :p}, {@code IN (:p)} or {@code NOT IN (:p)}; refuses ordering operators. */
    private String membership(String selector, ComparisonOperator op, List<String> args) {
        if (!SETS.contains(op)) {
            throw RsqlCompiler.invalid("'" + clip(selector) + "' supports ==, !=, =in= and =out=, not " + op);
        }
        boolean negated = op.equals(RSQLOperators.NOT_EQUAL) || op.equals(RSQLOperators.NOT_IN);
        if (args.size() == 1) {
            return (negated ? "<> " : "= ") + bind.apply(args.get(0));
        }
        return (negated ? "NOT IN (" : "IN (") + bind.apply(List.copyOf(args)) + ")";
    }

    private String modelYear(ComparisonOperator op, List<String> args) {
        List<Integer> years = args.stream()
                .map(a -> {
                    if (!YEAR.matcher(a).matches()) {
                        throw RsqlCompiler.invalid("modelYear compares with whole years, not '" + clip(a) + "'");
                    }
                    return Integer.valueOf(a);
                })
                .toList();
        if (SETS.contains(op)) {
            boolean negated = op.equals(RSQLOperators.NOT_EQUAL) || op.equals(RSQLOperators.NOT_IN);
            return "v.model_year " + (negated ? "NOT IN (" : "IN (") + bind.apply(years) + ")";
        }
        return "v.model_year " + ordering(op) + " " + bind.apply(years.get(0));
    }

    /** The stored versions of the type that satisfy the comparison, as an IN list; none is a false predicate. */
    private String versionRange(String ecuType, String selector, ComparisonOperator op, String arg) {
        SemanticVersion bound = SemanticVersion.parse(arg)
                .orElseThrow(() -> RsqlCompiler.invalid("'" + clip(selector) + "' " + op
                        + " needs a semantic version (MAJOR.MINOR.PATCH), not '" + clip(arg) + "'"));
        String sign = ordering(op);
        Predicate<SemanticVersion> holds = v -> {
            int c = v.compareTo(bound);
            return switch (sign) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        };
        List<String> matching = versions.versions(ecuType).stream()
                .filter(s -> SemanticVersion.parse(s).filter(holds).isPresent())
                .sorted()
                .toList();
        return matching.isEmpty() ? "IS NULL AND 1 = 0" : "IN (" + bind.apply(matching) + ")";
    }

    private static String ordering(ComparisonOperator op) {
        return Optional.ofNullable(Map.of(
                                RSQLOperators.LESS_THAN,
                                "<",
                                RSQLOperators.LESS_THAN_OR_EQUAL,
                                "<=",
                                RSQLOperators.GREATER_THAN,
                                ">",
                                RSQLOperators.GREATER_THAN_OR_EQUAL,
                                ">=")
                        .get(op))
                .orElseThrow(() -> RsqlCompiler.invalid("Unsupported operator " + op));
    }

    /** Negated operators on a related row: no row may match the positive condition. */
    private static String exists(ComparisonOperator op, String subquery) {
        boolean negated = op.equals(RSQLOperators.NOT_EQUAL) || op.equals(RSQLOperators.NOT_IN);
        return (negated ? "NOT EXISTS (" : "EXISTS (") + subquery + ")";
    }

    private static ComparisonOperator positive(ComparisonOperator op) {
        if (op.equals(RSQLOperators.NOT_EQUAL)) {
            return RSQLOperators.EQUAL;
        }
        return op.equals(RSQLOperators.NOT_IN) ? RSQLOperators.IN : op;
    }

    private static String clip(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
