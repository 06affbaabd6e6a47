package io.pitwall.server.access;

import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The order of the security filter chains, each chosen by path as request mapping matches it: the public
 * routes first (no credential read), then the device API (vehicles), then the management API and actuator
 * (operators), and last everything else, which is refused without reaching any handler.
 */
public final class SecurityChains {

    public static final int PUBLIC = 0;
    public static final int DEVICE = 10;
    public static final int MANAGEMENT = 20;
    public static final int EVERYTHING_ELSE = Ordered.LOWEST_PRECEDENCE;

    private SecurityChains() {}

    /** No sessions, cookies, CSRF tokens, login pages or saved requests: every request carries its credential. */
    public static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
