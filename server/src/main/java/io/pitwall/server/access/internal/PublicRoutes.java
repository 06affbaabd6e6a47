package io.pitwall.server.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only routes answered without a credential. Everything else needs an authenticated operator or vehicle,
 * and a route that belongs to no security chain is answered 404 without reaching any handler. Matching is
 * request mapping's own: path patterns over the decoded path segments.
 */
public final class PublicRoutes {

    public static final List<String> PATTERNS = List.of(
            "/repo/**", // the TUF image repository: signed metadata and image files
            "/device/v1/enrolment", // vehicle self-enrolment (checks the fleet secret itself)
            "/actuator/health", // liveness and readiness probes
            "/actuator/health/**",
            "/v3/api-docs", // the OpenAPI document and its viewer
            "/v3/api-docs/**",
            "/v3/api-docs.yaml",
            "/swagger-ui.html",
            "/swagger-ui/**");

    private static final List<PathPattern> PARSED =
            PATTERNS.stream().map(PathPatternParser.defaultInstance::parse).toList();

    private PublicRoutes() {}

    /** Whether a path (or a request-mapping pattern) is one of the public routes. */
    public static boolean isPublic(String path) {
        return isPublic(PathContainer.parsePath(path));
    }

    /** Matches requests to the public routes, parsing each request's path once, as request mapping does. */
    static RequestMatcher matcher() {
        return PublicRoutes::isPublic;
    }

    private static boolean isPublic(HttpServletRequest request) {
        RequestPath path;
        if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
            path = ServletRequestPathUtils.getParsedRequestPath(request);
        } else {
            path = ServletRequestPathUtils.parseAndCache(request);
            ServletRequestPathUtils.clearParsedRequestPath(request);
        }
        return isPublic(path.pathWithinApplication());
    }

    private static boolean isPublic(PathContainer path) {
        for (PathPattern pattern : PARSED) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
