package io.pitwall.server.access.internal;

import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.PublicEndpoint;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.HandlerGate;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one place where access to Pitwall's handlers is decided, on the handler request mapping chose (so on
 * the decoded, normalized path). Each handler declares exactly one kind of access: a {@link RequiresPermission}
 * (an operator holding it), an {@link AuthenticatedVehicle} parameter (the vehicle named by the path's
 * {@code {vin}}, authenticated as itself), or {@link PublicEndpoint}. A handler that declares none, or more
 * than one, is refused for everyone, so forgetting a declaration closes a route instead of opening it.
 * This runs behind the security filter chains, which already refuse by path; it is the second lock, and the one
 * that knows the path variables. Framework handlers (API documentation, actuator, OPTIONS) are left to the
 * chains' path rules.
 */
@Component
class AccessGate implements HandlerInterceptor, HandlerGate {

    private static final Logger log = LoggerFactory.getLogger(AccessGate.class);

    enum Kind {
        OPERATOR,
        VEHICLE,
        PUBLIC,
        UNDECLARED
    }

    /** What a handler declared; the permission only for {@link Kind#OPERATOR}, the reason only for UNDECLARED. */
    record Declared(Kind kind, Permission permission, String why) {}

    private final ApplicationEventPublisher events;
    private final Map<Method, Declared> declarations = new ConcurrentHashMap<>();

    AccessGate(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            check(method, request);
        }
        return true;
    }

    @Override
    public void check(HandlerMethod handler, HttpServletRequest request) {
        if (!handler.getBeanType().getName().startsWith("io.pitwall.")) {
            return;
        }
        Declared declared = declared(handler);
        // A switch expression: javac refuses it unless every kind is handled, so a new kind cannot fall through open.
        Runnable requirement = switch (declared.kind()) {
            case OPERATOR -> () -> requireOperator(declared.permission(), request);
            case VEHICLE -> () -> requireVehicle(request);
            case PUBLIC -> () -> {};
            case UNDECLARED ->
                () -> {
                    throw new ApiException(
                            403, "permission-undeclared", "This endpoint declares no access rule and is closed");
                };
        };
        requirement.run();
    }

    /** The authenticated vehicle, which must be the one the path names; else 401 or 403. */
    static AuthenticatedVehicle requireVehicle(HttpServletRequest request) {
        AuthenticatedVehicle vehicle = AuthenticatedVehicle.current()
                .orElseThrow(() -> new ApiException(
                        401,
                        "device-unauthenticated",
                        "A vehicle authenticates with its bearer credential or client certificate"));
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object pathVin = variables instanceof Map<?, ?> map ? map.get("vin") : null;
        if (pathVin != null && !vehicle.vin().equals(pathVin)) {
            throw new ApiException(403, "vin-mismatch", "The credential belongs to another vehicle");
        }
        return vehicle;
    }

    private void requireOperator(Permission permission, HttpServletRequest request) {
        var operator = CurrentOperator.get();
        if (operator.isEmpty()) {
            throw new ApiException(401, "unauthenticated", "Authenticate with HTTP Basic or a Bearer API token");
        }
        if (!operator.get().has(permission)) {
            String action = request.getMethod() + " " + request.getRequestURI();
            events.publishEvent(Audited.refused(
                    action,
                    request.getRequestURI(),
                    Map.of("status", 403, "code", "permission-denied", "permission", permission.code())));
            request.setAttribute(Problems.REFUSAL_AUDITED, Boolean.TRUE);
            throw new ApiException(403, "permission-denied", "This needs the permission '" + permission.code() + "'");
        }
    }

    private Declared declared(HandlerMethod handler) {
        return declarations.computeIfAbsent(handler.getMethod(), method -> {
            Declared declared = declare(handler);
            if (declared.kind() == Kind.UNDECLARED) {
                log.error("Endpoint {} {}; it is closed to everyone", handler.getShortLogMessage(), declared.why());
            }
            return declared;
        });
    }

    private static Declared declare(HandlerMethod handler) {
        RequiresPermission permission = handler.getMethodAnnotation(RequiresPermission.class);
        boolean vehicle = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == AuthenticatedVehicle.class);
        boolean open = handler.hasMethodAnnotation(PublicEndpoint.class)
                || handler.getBeanType().isAnnotationPresent(PublicEndpoint.class);
        int kinds = (permission == null ? 0 : 1) + (vehicle ? 1 : 0) + (open ? 1 : 0);
        if (kinds != 1) {
            return new Declared(
                    Kind.UNDECLARED,
                    null,
                    kinds == 0 ? "declares no access rule" : "declares more than one access rule");
        }
        return permission != null
                ? new Declared(Kind.OPERATOR, permission.value(), null)
                : new Declared(vehicle ? Kind.VEHICLE : Kind.PUBLIC, null, null);
    }
}
