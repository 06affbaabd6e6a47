package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

class HotPathHandlerMappingTests {

    static class Device {
        @PostMapping(path = "/device/v1/vehicles/{vin}/checkin", consumes = "application/json")
        String checkin(@PathVariable String vin) {
            return vin;
        }

        @GetMapping("/device/v1/vehicles/{vin}/artifacts/{sha}")
        String artifact(@PathVariable String vin, @PathVariable String sha) {
            return sha;
        }
    }

    static class Operator {
        @GetMapping("/api/v1/vehicles/{vin}")
        String vehicle(@PathVariable String vin) {
            return vin;
        }

        @GetMapping("/{one}")
        String shortPattern(@PathVariable String one) {
            return one;
        }
    }

    static class CatchAll {
        @GetMapping("/{first}/v1/**")
        String any() {
            return "";
        }
    }

    static HotPathHandlerMapping mappingOver(Class<?>... controllers) {
        var context = new GenericWebApplicationContext(new MockServletContext());
        for (Class<?> controller : controllers) {
            context.registerBean(controller);
        }
        context.refresh();
        // The controllers carry no stereotype, so that no application's component scan picks them up.
        var mapping = new HotPathHandlerMapping("/device/v1/") {
            @Override
            protected boolean isHandler(Class<?> beanType) {
                return beanType.getEnclosingClass() == HotPathHandlerMappingTests.class;
            }
        };
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    static MockHttpServletRequest post(String path, String contentType) {
        var request = new MockHttpServletRequest("POST", path);
        request.setContentType(contentType);
        return request;
    }

    @Test
    void aDevicePathIsResolvedAmongTheDeviceMappingsWithItsPathVariables() throws Exception {
        var mapping = mappingOver(Device.class, Operator.class);
        assertThat(mapping.hotMappings()).hasSize(2);
        var request = post("/device/v1/vehicles/VIN123/checkin", "application/json");

        var handler = (HandlerMethod) mapping.getHandler(request).getHandler();

        assertThat(handler.getMethod().getName()).isEqualTo("checkin");
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
                .isEqualTo(java.util.Map.of("vin", "VIN123"));
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
                        .toString())
                .isEqualTo("/device/v1/vehicles/{vin}/checkin");
    }

    @Test
    void aDevicePathWithTheWrongContentTypeOrMethodStillGetsTheStockAnswer() {
        var mapping = mappingOver(Device.class, Operator.class);

        assertThatThrownBy(() -> mapping.getHandler(post("/device/v1/vehicles/V/checkin", "text/plain")))
                .isInstanceOf(HttpMediaTypeNotSupportedException.class);
        assertThatThrownBy(() -> mapping.getHandler(new MockHttpServletRequest("GET", "/device/v1/vehicles/V/checkin")))
                .isInstanceOf(HttpRequestMethodNotSupportedException.class);
    }

    @Test
    void otherPathsAreResolvedAsBefore() throws Exception {
        var mapping = mappingOver(Device.class, Operator.class);

        var handler = (HandlerMethod) mapping.getHandler(new MockHttpServletRequest("GET", "/api/v1/vehicles/V"))
                .getHandler();

        assertThat(handler.getMethod().getName()).isEqualTo("vehicle");
        assertThat(mapping.getHandler(new MockHttpServletRequest("GET", "/device/v1/unknown/x")))
                .isNull();
    }

    @Test
    void theShortWaySwitchesItselfOffWhenAnotherPatternCouldMatchUnderThePrefix() throws Exception {
        var mapping = mappingOver(Device.class, CatchAll.class);

        assertThat(mapping.hotMappings()).isEmpty();
        var handler = (HandlerMethod) mapping.getHandler(new MockHttpServletRequest("GET", "/device/v1/x/y"))
                .getHandler();
        assertThat(handler.getMethod().getName()).isEqualTo("any");
    }
}
