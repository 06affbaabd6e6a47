package io.pitwall.server.inventory.internal;

import cz.jirutka.rsql.parser.RSQLParser;
import cz.jirutka.rsql.parser.ast.AndNode;
import cz.jirutka.rsql.parser.ast.ComparisonNode;
import cz.jirutka.rsql.parser.ast.LogicalNode;
import cz.jirutka.rsql.parser.ast.Node;
import cz.jirutka.rsql.parser.ast.RSQLOperators;
import io.pitwall.server.inventory.VehicleSelection;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an RSQL filter into a {@link VehicleSelection}. Pure: the only outside knowledge it needs, the
 * software versions stored for an ECU type, comes through {@link Selectors.VersionLookup}. Any refusal is
 * {@code invalid-target-filter} (400) naming the position or the selector. Limits: {@value #MAX_LENGTH}
 * characters, {@value #MAX_COMPARISONS} comparisons, {@value Selectors#MAX_ARGUMENTS} values per comparison,
 * parentheses {@value #MAX_DEPTH} deep.
 */
public final class RsqlCompiler {

    public static final String CODE = "invalid-target-filter";
    public static final int MAX_LENGTH = 4000;
    public static final int MAX_COMPARISONS = 50;
    public static final int MAX_DEPTH = 10;
    private static final RSQLParser PARSER = new RSQLParser(RSQLOperators.defaultOperators());

    private final Selectors selectors;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private int comparisons;

    private RsqlCompiler(Selectors.VersionLookup versions) {
        this.selectors = new Selectors(versions, this::bind);
    }

    /** The selection; a {@code null} or blank filter selects every vehicle. */
    public static VehicleSelection compile(String rsql, Selectors.VersionLookup versions) {
        if (rsql == null || rsql.isBlank()) {
            return VehicleSelection.all();
        }
        if (rsql.length() > MAX_LENGTH) {
            throw invalid("A filter has at most " + MAX_LENGTH + " characters, this one " + rsql.length());
        }
        if (depth(rsql) > MAX_DEPTH) {
            throw invalid("A filter nests parentheses at most " + MAX_DEPTH + " deep");
        }
        Node root;
        try {
            root = PARSER.parse(rsql);
        } catch (RuntimeException e) {
            throw invalid("Not a valid RSQL filter: " + reason(e));
        }
        var compiler = new RsqlCompiler(versions);
        String sql = compiler.visit(root);
        return new VehicleSelection(sql, compiler.params);
    }

    private String visit(Node node) {
        if (node instanceof LogicalNode logical) {
            List<String> parts = new ArrayList<>();
            for (Node child : logical.getChildren()) {
                parts.add(visit(child));
            }
            return "(" + String.join(logical instanceof AndNode ? " AND " : " OR ", parts) + ")";
        }
        if (++comparisons > MAX_COMPARISONS) {
            throw invalid("A filter has at most " + MAX_COMPARISONS + " comparisons");
        }
        return selectors.compile((ComparisonNode) node);
    }

    /** The deepest parenthesis nesting outside quoted values; checked before parsing, as the parser recurses. */
    private static int depth(String rsql) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < rsql.length(); i++) {
            char c = rsql.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }

    private String bind(Object value) {
        String name = "rsql" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    static ApiException invalid(String detail) {
        return ApiException.badRequest(CODE, detail);
    }

    /** The parser's own message (it names line and column), first line only and clipped. */
    private static String reason(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        message = message.lines().findFirst().orElse("").strip();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
