package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.shared.web.HotPathHandlerMapping;
import io.pitwall.server.support.IntegrationTest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every device endpoint is found without scanning the operator API (the check-in's per-request cost). */
class DeviceHotPathIntegrationTests extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theServerResolvesTheDeviceApiOnItsHotPath() {
        assertThat(mapping).isInstanceOf(HotPathHandlerMapping.class);
        var hot = ((HotPathHandlerMapping) mapping)
                .hotMappings().keySet().stream()
                        .flatMap(info -> info.getPatternValues().stream())
                        .collect(Collectors.toSet());

        assertThat(hot)
                .contains(
                        "/device/v1/vehicles/{vin}/checkin",
                        "/device/v1/vehicles/{vin}/events",
                        "/device/v1/vehicles/{vin}/artifacts/{sha256}");
        assertThat(hot).allMatch(pattern -> pattern.startsWith("/device/v1/"));
        assertThat(mapping.getHandlerMethods().size()).isGreaterThan(hot.size() * 5);
    }
}
