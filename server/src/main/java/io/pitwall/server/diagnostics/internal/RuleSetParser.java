package io.pitwall.server.diagnostics.internal;

import io.pitwall.protocol.dtc.UdsStatus;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.diagnostics.SeverityRule;
import io.pitwall.server.inventory.EcuType;
import io.pitwall.server.shared.ApiException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a severity rule set from JSON and checks every field, collecting all problems with their JSON path;
 * any problem refuses the whole set ({@code invalid-rule-set}, 400, with the list in {@code errors}). Unknown
 * fields are refused too, so a misspelt condition can never silently match more than intended.
 */
public final class RuleSetParser {

    /** A parsed, valid rule set. */
    public record Parsed(String name, List<SeverityRule> rules) {}

    public static final int MAX_RULES = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern EXACT = Pattern.compile("[PCBU][0-3][0-9A-F]{3}(-[0-9A-F]{2})?");
    private static final Pattern PREFIX = Pattern.compile("[PCBU]([0-3][0-9A-F]{0,3})?\\*");
    private static final Set<String> TOP = Set.of("name", "rules");
    private static final Set<String> RULE =
            Set.of("id", "description", "match", "class", "team", "sla", "nextAction", "escalateTo");
    private static final Set<String> MATCH = Set.of("codes", "ecuTypes", "statusBits", "count", "afterUpdate");
    private static final Duration MAX_WINDOW = Duration.ofDays(90);

    private final List<Map<String, String>> errors = new ArrayList<>();

    private RuleSetParser() {}

    public static Parsed parse(JsonNode body) {
        RuleSetParser parser = new RuleSetParser();
        Parsed parsed = parser.ruleSet(body);
        if (!parser.errors.isEmpty()) {
            throw new ApiException(
                    400,
                    "invalid-rule-set",
                    "The rule set is invalid: " + parser.errors.size()
                            + " problem(s), the first at "
                            + parser.errors.get(0).get("path") + ": "
                            + parser.errors.get(0).get("message"),
                    Map.of("errors", List.copyOf(parser.errors)));
        }
        return parsed;
    }

    private Parsed ruleSet(JsonNode body) {
        if (body == null || !body.isObject()) {
            error("$", "a rule set is a JSON object with name and rules");
            return null;
        }
        unknown(body, TOP, "$");
        String name = text(body, "name", "$.name", 100, true);
        JsonNode rules = body.get("rules");
        List<SeverityRule> parsed = new ArrayList<>();
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            error("$.rules", "rules must be a non-empty array");
        } else if (rules.size() > MAX_RULES) {
            error("$.rules", "at most " + MAX_RULES + " rules, not " + rules.size());
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < rules.size(); i++) {
                SeverityRule rule = rule(rules.get(i), "$.rules[" + i + "]");
                if (rule != null && !ids.add(rule.id())) {
                    error("$.rules[" + i + "].id", "rule id '" + rule.id() + "' appears more than once");
                }
                parsed.add(rule);
            }
        }
        return new Parsed(name, parsed);
    }

    private SeverityRule rule(JsonNode rule, String path) {
        if (!rule.isObject()) {
            error(path, "a rule is a JSON object");
            return null;
        }
        int before = errors.size();
        unknown(rule, RULE, path);
        String id = text(rule, "id", path + ".id", 64, true);
        if (id != null && !ID.matcher(id).matches()) {
            error(
                    path + ".id",
                    "a rule id is 1-64 lower-case letters, digits and '-', starting with a letter or digit");
        }
        String description = text(rule, "description", path + ".description", 500, false);
        SeverityClass severity = code(rule, "class", path, SeverityClass::ofCode, SeverityClass.values(), true);
        RoutingTeam team = code(rule, "team", path, RoutingTeam::ofCode, RoutingTeam.values(), true);
        RoutingTeam escalateTo = code(rule, "escalateTo", path, RoutingTeam::ofCode, RoutingTeam.values(), false);
        Duration sla = duration(rule.get("sla"), path + ".sla", Duration.ofMinutes(1), Duration.ofDays(365), true);
        String nextAction = text(rule, "nextAction", path + ".nextAction", 500, true);
        Match match = match(rule.get("match"), path + ".match");
        if (errors.size() > before) {
            return null;
        }
        return new SeverityRule(
                id,
                description,
                match.codes,
                match.ecuTypes,
                match.statusBits,
                match.count,
                match.afterUpdate,
                severity,
                team,
                sla,
                nextAction,
                escalateTo);
    }

    private record Match(
            List<String> codes,
            Set<String> ecuTypes,
            List<String> statusBits,
            SeverityRule.Count count,
            SeverityRule.AfterUpdate afterUpdate) {}

    private Match match(JsonNode match, String path) {
        if (match == null || !match.isObject() || match.isEmpty()) {
            error(path, "match is a non-empty object of conditions (" + String.join(", ", MATCH) + ")");
            return new Match(List.of(), Set.of(), List.of(), null, null);
        }
        unknown(match, MATCH, path);
        List<String> codes = strings(
                match,
                "codes",
                path,
                value -> {
                    String upper = value.toUpperCase(java.util.Locale.ROOT);
                    return EXACT.matcher(upper).matches()
                                    || PREFIX.matcher(upper).matches()
                            ? upper
                            : null;
                },
                "a J2012 code (P0A80, U0100-87) or a prefix ending in * (P0A8*)");
        Set<String> types = new LinkedHashSet<>(strings(
                match,
                "ecuTypes",
                path,
                value -> Arrays.stream(EcuType.values()).anyMatch(t -> t.name().equals(value)) ? value : null,
                "an ECU type " + Arrays.toString(EcuType.values())));
        List<String> bits = strings(
                match,
                "statusBits",
                path,
                value -> UdsStatus.BIT_NAMES.contains(value) ? value : null,
                "a status bit " + UdsStatus.BIT_NAMES);
        return new Match(
                codes,
                types,
                bits,
                count(match.get("count"), path + ".count"),
                afterUpdate(match.get("afterUpdate"), path + ".afterUpdate"));
    }

    private SeverityRule.Count count(JsonNode count, String path) {
        if (count == null) {
            return null;
        }
        if (!count.isObject()) {
            error(path, "count is an object {atLeast, within}");
            return null;
        }
        unknown(count, Set.of("atLeast", "within"), path);
        Integer atLeast = integer(count.get("atLeast"), path + ".atLeast", 1, 10_000);
        Duration within = duration(count.get("within"), path + ".within", Duration.ofMinutes(1), MAX_WINDOW, true);
        return atLeast == null || within == null ? null : new SeverityRule.Count(atLeast, within);
    }

    private SeverityRule.AfterUpdate afterUpdate(JsonNode after, String path) {
        if (after == null) {
            return null;
        }
        if (!after.isObject()) {
            error(path, "afterUpdate is an object {campaignId (optional), withinDays}");
            return null;
        }
        unknown(after, Set.of("campaignId", "withinDays"), path);
        Long campaign = null;
        JsonNode id = after.get("campaignId");
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber() || id.longValue() < 1) {
                error(path + ".campaignId", "campaignId is a positive whole number");
            } else {
                campaign = id.longValue();
            }
        }
        Integer days = integer(after.get("withinDays"), path + ".withinDays", 1, 365);
        return days == null ? null : new SeverityRule.AfterUpdate(campaign, days);
    }

    private List<String> strings(
            JsonNode parent, String field, String path, Function<String, String> check, String expected) {
        JsonNode array = parent.get(field);
        if (array == null) {
            return List.of();
        }
        if (!array.isArray() || array.isEmpty() || array.size() > 100) {
            error(path + "." + field, field + " is an array of 1-100 strings, each " + expected);
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String value = item.isString() ? check.apply(item.asString()) : null;
            if (value == null) {
                error(
                        path + "." + field + "[" + i + "]",
                        "'" + (item.isString() ? item.asString() : item.toString()) + "' is not " + expected);
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private <T extends Enum<T>> T code(
            JsonNode parent,
            String field,
            String path,
            Function<String, java.util.Optional<T>> of,
            T[] all,
            boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                error(path + "." + field, field + " is required");
            }
            return null;
        }
        T value = node.isString() ? of.apply(node.asString()).orElse(null) : null;
        if (value == null) {
            error(
                    path + "." + field,
                    "'" + node.asString() + "' is not one of "
                            + Arrays.stream(all)
                                    .map(v -> v instanceof SeverityClass c ? c.code() : ((RoutingTeam) v).code())
                                    .toList());
        }
        return value;
    }

    private String text(JsonNode parent, String field, String path, int max, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                error(path, field + " is required");
            }
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > max) {
            error(path, field + " is a non-blank string of at most " + max + " characters");
            return null;
        }
        return node.asString().strip();
    }

    private Integer integer(JsonNode node, String path, int min, int max) {
        if (node == null
                || !node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.intValue() < min
                || node.intValue() > max) {
            error(path, "a whole number from " + min + " to " + max + " is required");
            return null;
        }
        return node.intValue();
    }

    private Duration duration(JsonNode node, String path, Duration min, Duration max, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "an ISO-8601 duration (e.g. PT4H, P2D) is required");
            }
            return null;
        }
        try {
            Duration value = Duration.parse(node.isString() ? node.asString() : "?");
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                error(path, "must lie between " + min + " and " + max);
                return null;
            }
            return value;
        } catch (DateTimeParseException e) {
            error(path, "'" + node.asString() + "' is not an ISO-8601 duration (e.g. PT4H, P2D)");
            return null;
        }
    }

    private void unknown(JsonNode node, Set<String> known, String path) {
        node.properties().forEach(e -> {
            if (!known.contains(e.getKey())) {
                error(
                        path + "." + e.getKey(),
                        "unknown field; known fields are "
                                + known.stream().sorted().toList());
            }
        });
    }

    private void error(String path, String message) {
        if (errors.size() < 50) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("path", path);
            error.put("message", message);
            errors.add(error);
        }
    }
}
