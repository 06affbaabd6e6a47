package io.pitwall.server.access.internal;

import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.Problems;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The management API needs an authenticated operator; what each endpoint allows is decided by its
 * declared permission ({@link PermissionInterceptor}). Health, metrics and the API documentation are open.
 * The device API authenticates vehicles with its own filter.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * URLs the firewall refuses (encoded slashes or dots, {@code ..}, {@code //}, {@code ;}, control
     * characters) are answered like every other bad request: 400 problem+json with a stable code, instead of
     * the container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(Problems problems) {
        return (request, response, rejected) -> problems.write(request, response, 400, "request-rejected",
                "The request URL is not in normalized form (encoded slashes or dots, '..', '//', ';' or control"
                        + " characters are refused)");
    }

    /**
     * No observation of Spring Security's filters: with it every filter of every request (the device
     * check-in included) is wrapped and timed, for spans nobody reads; {@code http.server.requests} metrics
     * stay. The {@code management.observations.enable} property alone leaves the wrapping in place.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain managementApi(HttpSecurity http, Authenticator authenticator, Problems problems,
            ApplicationEventPublisher events) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new OperatorAuthenticationFilter(authenticator, problems, events),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            events.publishEvent(Audited.refused("auth.login",
                                    request.getMethod() + " " + request.getRequestURI(),
                                    Map.of("principal", "anonymous", "code", "unauthenticated")));
                            response.setHeader("WWW-Authenticate", "Basic realm=\"pitwall\", Bearer");
                            problems.write(request, response, 401, "unauthenticated",
                                    "Authenticate with HTTP Basic or a Bearer API token");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, 403, "permission-denied", "Access denied")));
        return http.build();
    }
}
