package io.pitwall.server.device.internal;

import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.access.SecurityChains;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The device API's security chain: every path under {@code /device/} but the public enrolment needs an
 * authenticated vehicle, and a vehicle may use only the paths under {@code /device/v1/vehicles/{its VIN}/}
 * (the VIN as request mapping decodes it). Refusals: no credential → 401 {@code device-unauthenticated};
 * another vehicle's path → 403 {@code vin-mismatch}; any other device path → 404.
 */
@Configuration(proxyBeanMethods = false)
class DeviceSecurityConfiguration {

    static final String VEHICLE_PATHS = "/device/v1/vehicles/{vin}/**";

    @Bean
    @Order(SecurityChains.DEVICE)
    SecurityFilterChain deviceApi(
            HttpSecurity http, CredentialCache credentials, FleetCertificates certificates, Problems problems)
            throws Exception {
        var vehiclePaths = PathPatternRequestMatcher.pathPattern(VEHICLE_PATHS);
        SecurityChains.stateless(http.securityMatcher("/device/**"))
                .addFilterBefore(
                        new DeviceAuthenticationFilter(credentials, certificates, problems), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(vehiclePaths)
                        .access((authentication, context) -> {
                            var principal = authentication.get().getPrincipal();
                            return new AuthorizationDecision(principal instanceof AuthenticatedVehicle vehicle
                                    && vehicle.vin()
                                            .equals(context.getVariables().get("vin")));
                        })
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                                (request, response, e) -> DeviceAuthenticationFilter.unauthorized(
                                        request,
                                        response,
                                        problems,
                                        "device-unauthenticated",
                                        "A vehicle authenticates with its bearer credential or client certificate"))
                        .accessDeniedHandler((request, response, e) -> {
                            if (vehiclePaths.matches(request)) {
                                problems.write(
                                        request,
                                        response,
                                        403,
                                        "vin-mismatch",
                                        "The credential belongs to another vehicle");
                            } else {
                                problems.write(request, response, 404, "not-found", "No such resource");
                            }
                        }));
        return http.build();
    }
}
