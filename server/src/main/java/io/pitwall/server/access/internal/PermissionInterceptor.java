package io.pitwall.server.access.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces each management endpoint's declared {@link RequiresPermission}. An endpoint that declares
 * none is refused for everyone: forgetting a declaration can never open an endpoint.
 */
class PermissionInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);
    private final Problems problems;
    private final ApplicationEventPublisher events;

    PermissionInterceptor(Problems problems, ApplicationEventPublisher events) {
        this.problems = problems;
        this.events = events;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        RequiresPermission required = method.getMethodAnnotation(RequiresPermission.class);
        if (required == null) {
            log.error("Endpoint {} declares no permission; refusing", method.getShortLogMessage());
            problems.write(request, response, 403, "permission-undeclared",
                    "This endpoint declares no permission and is closed");
            return false;
        }
        var operator = CurrentOperator.get();
        if (operator.isPresent() && operator.get().has(required.value())) {
            return true;
        }
        events.publishEvent(Audited.refused(request.getMethod() + " " + request.getRequestURI(),
                request.getRequestURI(), Map.of("status", 403, "code", "permission-denied",
                        "permission", required.value().code())));
        problems.write(request, response, 403, "permission-denied",
                "This needs the permission '" + required.value().code() + "'");
        return false;
    }
}
