package io.pitwall.server.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves nothing but the actuator (health probes, metrics) until the application is ready: Tomcat accepts
 * connections before start-up work (migrations, key checks, the bootstrap account) has finished and before the
 * readiness probe says so, and again while the node shuts down. Every other request meanwhile gets 503
 * {@code not-ready} with {@code Retry-After}. Runs right after {@link RequestIds}, before any authentication (which
 * would reach the database) and before request size limits; the path it decides on is the decoded, normalized
 * one request mapping uses, and anything outside {@code /actuator} is refused, so no spelling of a path gets past.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ReadinessGate extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    private final ApplicationAvailability availability;
    private final Problems problems;

    ReadinessGate(ApplicationAvailability availability, Problems problems) {
        this.availability = availability;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC || isActuator(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        problems.write(
                request,
                response,
                503,
                "not-ready",
                "The server is starting or stopping and does not serve requests yet; retry shortly");
    }

    private static boolean isActuator(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/actuator") || path.startsWith("/actuator/");
    }
}
