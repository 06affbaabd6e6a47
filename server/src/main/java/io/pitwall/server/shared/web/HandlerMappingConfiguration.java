package io.pitwall.server.shared.web;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The request mapping Spring MVC uses, with the device API as its hot path (see {@link HotPathHandlerMapping}). */
@Configuration(proxyBeanMethods = false)
class HandlerMappingConfiguration {

    /** Vehicles call this prefix on every poll; operators call everything else. */
    static final String DEVICE_PREFIX = "/device/v1/";

    @Bean
    WebMvcRegistrations hotPathRegistrations() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new HotPathHandlerMapping(DEVICE_PREFIX);
            }
        };
    }
}
