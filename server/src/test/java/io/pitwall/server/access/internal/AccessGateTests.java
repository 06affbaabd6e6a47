package io.pitwall.server.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.PublicEndpoint;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.access.Role;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The gate on its own, as if every security filter in front of it had let the request through: it still
 * refuses anyone the handler's declaration does not name. That is what keeps a route closed when a filter or
 * a chain's path rule is wrong.
 */
class AccessGateTests {

    @SuppressWarnings("unused")
    static class Handlers {

        void vehicle(AuthenticatedVehicle vehicle) {}

        @RequiresPermission(Permission.VEHICLE_WRITE)
        void operator() {}

        @PublicEndpoint("test")
        void open() {}

        void undeclared() {}

        @PublicEndpoint("test")
        @RequiresPermission(Permission.VEHICLE_READ)
        void twice() {}
    }

    final List<Object> audited = new ArrayList<>();
    final AccessGate gate = new AccessGate(audited::add);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aVehicleHandlerNeedsTheVehicleThePathNames() {
        var request = pathWithVin("WPWVICTIM00000001");
        assertRefused(() -> gate.check(handler("vehicle"), request), 401, "device-unauthenticated");

        actAsVehicle("WPWOTHER000000002");
        assertRefused(() -> gate.check(handler("vehicle"), request), 403, "vin-mismatch");

        actAsOperator(Role.ADMIN);
        assertRefused(() -> gate.check(handler("vehicle"), request), 401, "device-unauthenticated");

        actAsVehicle("WPWVICTIM00000001");
        assertThatCode(() -> gate.check(handler("vehicle"), request)).doesNotThrowAnyException();
        assertThat(AccessGate.requireVehicle(request).vin()).isEqualTo("WPWVICTIM00000001");
    }

    @Test
    void anOperatorHandlerNeedsAnOperatorWithThePermissionNotAVehicle() {
        var request = new MockHttpServletRequest("POST", "/api/v1/vehicles");
        assertRefused(() -> gate.check(handler("operator"), request), 401, "unauthenticated");
        actAsVehicle("WPWVICTIM00000001");
        assertRefused(() -> gate.check(handler("operator"), request), 401, "unauthenticated");
        actAsOperator(Role.VIEWER);
        assertRefused(() -> gate.check(handler("operator"), request), 403, "permission-denied");
        assertThat(audited).as("the refusal is audited").hasSize(1);
        actAsOperator(Role.FLEET_OPERATOR);
        assertThatCode(() -> gate.check(handler("operator"), request)).doesNotThrowAnyException();
    }

    @Test
    void onlyAnExplicitlyPublicHandlerAnswersEveryoneAndAMissingOrDoubleDeclarationClosesIt() {
        var request = new MockHttpServletRequest("GET", "/anything");
        assertThatCode(() -> gate.check(handler("open"), request)).doesNotThrowAnyException();
        actAsOperator(Role.ADMIN);
        assertRefused(() -> gate.check(handler("undeclared"), request), 403, "permission-undeclared");
        assertRefused(() -> gate.check(handler("twice"), request), 403, "permission-undeclared");
    }

    private static MockHttpServletRequest pathWithVin(String vin) {
        var request = new MockHttpServletRequest("POST", "/device/v1/vehicles/" + vin + "/checkin");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("vin", vin));
        return request;
    }

    private static HandlerMethod handler(String name) {
        var method = java.util.Arrays.stream(Handlers.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow();
        return new HandlerMethod(new Handlers(), method);
    }

    private static void actAsVehicle(String vin) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                new UsernamePasswordAuthenticationToken(new AuthenticatedVehicle(vin), null, List.of()));
        SecurityContextHolder.setContext(context);
    }

    private static void actAsOperator(Role role) {
        var operator = new CurrentOperator(1, "someone", role, Set.copyOf(role.permissions()), null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(operator, null, List.of()));
        SecurityContextHolder.setContext(context);
    }

    private static void assertRefused(Runnable call, int status, String code) {
        ApiException refused = catchThrowableOfType(ApiException.class, call::run);
        assertThat(refused).as("refused with " + status + " " + code).isNotNull();
        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.code()).isEqualTo(code);
    }
}
