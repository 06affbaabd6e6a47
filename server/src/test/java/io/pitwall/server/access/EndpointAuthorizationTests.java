package io.pitwall.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every registered management endpoint against every role and checks allow/deny against the one
 * declared matrix, {@link Role}. An endpoint without a declared permission fails this test.
 */
class EndpointAuthorizationTests extends IntegrationTest {

    record Endpoint(RequestMethod method, String pattern, Permission permission, String handler) {}

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyManagementEndpointDeclaresAPermission() {
        List<String> undeclared = new ArrayList<>();
        endpoints(undeclared);
        assertThat(undeclared).as("endpoints without @RequiresPermission").isEmpty();
    }

    @Test
    void everyRoleIsAllowedExactlyWhatTheMatrixGrants() {
        List<Endpoint> endpoints = endpoints(new ArrayList<>());
        assertThat(endpoints).as("management endpoints found").hasSizeGreaterThan(5);
        assertThat(endpoints)
                .extracting(e -> e.method() + " " + e.pattern())
                .as("the campaign lifecycle's endpoints")
                .contains(
                        "POST /api/v1/campaigns/emergency-stop",
                        "POST /api/v1/campaigns/{id}/approvals",
                        "GET /api/v1/campaigns/{id}/approvals",
                        "POST /api/v1/campaigns/{id}/submit",
                        "GET /api/v1/campaigns/{id}/readiness",
                        "PUT /api/v1/campaigns/{id}/readiness",
                        "PATCH /api/v1/campaigns/{id}/readiness",
                        "POST /api/v1/campaigns/{id}/evidence",
                        "GET /api/v1/campaigns/{id}/decisions",
                        "POST /api/v1/campaigns/{id}/resume");
        Map<Role, ApiClient> clients = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            clients.put(role, tokenClientFor(role));
        }
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Endpoint endpoint : endpoints) {
            String path = endpoint.pattern().replaceAll("\\{[^}]+}", "999999999");
            for (Role role : Role.values()) {
                var answer =
                        clients.get(role).send(endpoint.method().name(), path, "application/json", "{}".getBytes());
                boolean allowed = role.grants(endpoint.permission());
                boolean denied = answer.status() == 403 && "permission-denied".equals(answer.code());
                if (allowed == denied || answer.status() == 401) {
                    mismatches.add(role.code() + " " + endpoint.method() + " " + endpoint.pattern() + " -> "
                            + answer.status() + " " + answer.code() + " (expected " + (allowed ? "allowed" : "denied")
                            + ")");
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(endpoints.size() * Role.values().length);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void anonymousCallersAreRefusedEverywhere() {
        List<String> open = new ArrayList<>();
        for (Endpoint endpoint : endpoints(new ArrayList<>())) {
            String path = endpoint.pattern().replaceAll("\\{[^}]+}", "999999999");
            var answer = api.anonymous().send(endpoint.method().name(), path, "application/json", "{}".getBytes());
            if (answer.status() != 401) {
                open.add(endpoint.method() + " " + endpoint.pattern() + " -> " + answer.status());
            }
        }
        assertThat(open).isEmpty();
    }

    private ApiClient tokenClientFor(Role role) {
        ApiClient operator = operatorWith(role);
        List<String> codes = role.permissions().stream().map(Permission::code).toList();
        var issued =
                operator.post("/api/v1/tokens", Map.of("name", "matrix", "permissions", codes, "expiresIn", "PT1H"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return api.withToken(issued.json().get("secret").asString());
    }

    private List<Endpoint> endpoints(List<String> undeclared) {
        List<Endpoint> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                RequiresPermission required = handler.getMethodAnnotation(RequiresPermission.class);
                if (required == null) {
                    undeclared.add(handler.getShortLogMessage());
                    continue;
                }
                var methods = entry.getKey().getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    found.add(new Endpoint(method, pattern, required.value(), handler.getShortLogMessage()));
                }
            }
        }
        return found;
    }
}
