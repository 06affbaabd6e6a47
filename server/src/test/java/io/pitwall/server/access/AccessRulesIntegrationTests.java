package io.pitwall.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.internal.PublicRoutes;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The access rules as callers meet them: every handler declares exactly one kind of access, the public ones
 * are exactly the public routes, metrics need their permission, a refused caller learns nothing about media
 * types, and OPTIONS is answered quietly.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessRulesIntegrationTests extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyHandlerDeclaresExactlyOneKindOfAccessAndOnlyPublicRoutesArePublic() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getName().startsWith("io.pitwall.")) {
                continue;
            }
            checked++;
            boolean permission = handler.hasMethodAnnotation(RequiresPermission.class);
            boolean vehicle = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == AuthenticatedVehicle.class);
            boolean open = handler.hasMethodAnnotation(PublicEndpoint.class);
            if ((permission ? 1 : 0) + (vehicle ? 1 : 0) + (open ? 1 : 0) != 1) {
                wrong.add(handler.getShortLogMessage() + ": permission=" + permission + " vehicle=" + vehicle
                        + " public=" + open);
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                if (open != PublicRoutes.isPublic(pattern)) {
                    wrong.add(pattern
                            + (open
                                    ? " is @PublicEndpoint but not a public route"
                                    : " is a public route but its handler is not @PublicEndpoint"));
                }
                if (vehicle && !pattern.startsWith("/device/v1/vehicles/{vin}/")) {
                    wrong.add(pattern + " serves a vehicle outside /device/v1/vehicles/{vin}/");
                }
            }
        }
        assertThat(checked).as("Pitwall handlers inspected").isGreaterThan(100);
        assertThat(wrong).isEmpty();
    }

    @Test
    void metricsNeedTheirPermissionWhileHealthStaysOpen() {
        assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(200);
        var anonymous = api.anonymous().get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthenticated");
        var viewer = operatorWith(Role.VIEWER).get("/actuator/prometheus");
        assertThat(viewer.status()).isEqualTo(403);

        var issued = admin.post(
                "/api/v1/tokens",
                Map.of("name", "scraper", "permissions", List.of("metrics:read"), "expiresIn", "PT1H"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        var scraper = api.withToken(issued.json().get("secret").asString());
        var scraped = scraper.get("/actuator/prometheus", "text/plain");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("http_server_requests");
        assertThat(scraper.get("/api/v1/vehicles").status())
                .as("metrics:read opens nothing else")
                .isEqualTo(403);
    }

    @Test
    void aCallerWithoutThePermissionIsRefusedBeforeTheMediaTypeIsJudged() {
        var viewer = operatorWith(Role.VIEWER);
        var refused = viewer.send("POST", "/api/v1/vehicles", "text/plain", "VIN".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("permission-denied");

        var allowed = admin.send("POST", "/api/v1/vehicles", "text/plain", "VIN".getBytes(StandardCharsets.UTF_8));
        assertThat(allowed.status())
                .as("a caller who may use the route learns the media type")
                .isEqualTo(415);
        assertThat(allowed.code()).isEqualTo("unsupported-media-type");
    }

    @Test
    void optionsIsAnsweredWithTheAllowedMethodsAndLogsNoError(CapturedOutput output) {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        int before = output.getAll().length();
        try (var raw = RawHttp.keepAlive(port)) {
            for (int i = 0; i < 3; i++) {
                var answer = raw.send("OPTIONS", "/api/v1/campaigns", basic, null);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("Allow")).contains("POST");
            }
            assertThat(raw.send("OPTIONS", "/api/v1/campaigns", null, null).status())
                    .as("not without a credential")
                    .isEqualTo(401);
        }
        assertThat(output.getAll().substring(before)).doesNotContain(" ERROR ");
    }
}
