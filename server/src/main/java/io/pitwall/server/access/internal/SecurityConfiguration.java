package io.pitwall.server.access.internal;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.SecurityChains;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Deny by default: the public routes are open, the management API and the actuator need an operator, the
 * device API (its own chain, in the device module) needs a vehicle, and every other path is refused. Chains are
 * chosen by path pattern over the decoded path, as request mapping matches it; the {@link AccessGate} then
 * decides on the matched handler.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * bcrypt at the configured cost, stored with its {@code {bcrypt}} prefix. Only bcrypt hashes are accepted:
     * Pitwall never wrote any other kind, and a {@code {noop}} row must not sign anyone in.
     */
    @Bean
    PasswordEncoder passwordEncoder(AccessSettings settings) {
        var bcrypt = new BCryptPasswordEncoder(settings.passwordCost());
        var encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
        // A stored hash of any other kind (or none) matches nothing; DelegatingPasswordEncoder never encodes with it.
        encoder.setDefaultPasswordEncoderForMatches(new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String stored) {
                return false;
            }
        });
        return encoder;
    }

    /**
     * URLs the firewall refuses (encoded slashes or dots, {@code ..}, {@code //}, {@code ;}, control
     * characters) are answered like every other bad request: 400 problem+json with a stable code, instead of
     * the container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(Problems problems) {
        return (request, response, rejected) -> problems.write(
                request,
                response,
                400,
                "request-rejected",
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

    /** The public routes ({@link PublicRoutes}): no credential is read and nothing is refused. */
    @Bean
    @Order(SecurityChains.PUBLIC)
    SecurityFilterChain publicRoutes(HttpSecurity http) throws Exception {
        SecurityChains.stateless(http.securityMatcher(PublicRoutes.matcher()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The management API and the actuator (metrics): an operator authenticated by HTTP Basic or an API token.
     * What each endpoint allows is then decided by its declared permission ({@link AccessGate}); the actuator's
     * endpoints other than health need {@code metrics:read}.
     */
    @Bean
    @Order(SecurityChains.MANAGEMENT)
    SecurityFilterChain managementApi(
            HttpSecurity http, Authenticator authenticator, Problems problems, ApplicationEventPublisher events)
            throws Exception {
        SecurityChains.stateless(http.securityMatcher("/api/**", "/actuator/**"))
                .addFilterBefore(
                        new OperatorAuthenticationFilter(authenticator, problems, events),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAuthority(Permission.METRICS_READ.code())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            events.publishEvent(Audited.refused(
                                    "auth.login",
                                    request.getMethod() + " " + request.getRequestURI(),
                                    Map.of("principal", "anonymous", "code", "unauthenticated")));
                            response.setHeader("WWW-Authenticate", "Basic realm=\"pitwall\", Bearer");
                            problems.write(
                                    request,
                                    response,
                                    401,
                                    "unauthenticated",
                                    "Authenticate with HTTP Basic or a Bearer API token");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, 403, "permission-denied", "Access denied")));
        return http.build();
    }

    /**
     * Every path no other chain claims: answered 404 without reaching a handler, whatever credential comes with
     * it, so a route nobody placed in a chain is closed rather than open. Error dispatches pass.
     */
    @Bean
    @Order(SecurityChains.EVERYTHING_ELSE)
    SecurityFilterChain everythingElse(HttpSecurity http, Problems problems) throws Exception {
        SecurityChains.stateless(http)
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) ->
                                problems.write(request, response, 404, "not-found", "No such resource"))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, 404, "not-found", "No such resource")));
        return http.build();
    }
}
