package io.pitwall.server.access.internal;

import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates management API requests by HTTP Basic (operators) or {@code Authorization: Bearer}
 * (API tokens). Bad credentials are answered 401 problem+json here and written to the audit trail. It runs only
 * in the management chain, which the path decides ({@link SecurityConfiguration}).
 */
class OperatorAuthenticationFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final Problems problems;
    private final ApplicationEventPublisher events;

    OperatorAuthenticationFilter(Authenticator authenticator, Problems problems, ApplicationEventPublisher events) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String principal;
        Authenticator.Result result;
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] parts = decodeBasic(header.substring(6).trim());
            if (parts == null) {
                refuse(
                        request,
                        response,
                        "anonymous",
                        new Authenticator.Refused(
                                "malformed-credentials", "The Basic credentials are not base64 of user:password"));
                return;
            }
            principal = parts[0];
            result = authenticator.basic(parts[0], parts[1]);
        } else if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            principal = "token";
            result = authenticator.bearer(header.substring(7).trim());
        } else {
            refuse(
                    request,
                    response,
                    "anonymous",
                    new Authenticator.Refused("unsupported-authentication", "Use HTTP Basic or a Bearer API token"));
            return;
        }
        if (result instanceof Authenticator.Authenticated ok) {
            var authorities = ok.operator().permissions().stream()
                    .map(p -> new SimpleGrantedAuthority(p.code()))
                    .toList();
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new UsernamePasswordAuthenticationToken(ok.operator(), null, authorities));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        } else {
            refuse(request, response, principal, (Authenticator.Refused) result);
        }
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, String principal, Authenticator.Refused refused)
            throws IOException {
        events.publishEvent(Audited.refused(
                "auth.login",
                request.getMethod() + " " + request.getRequestURI(),
                Map.of("principal", principal, "code", refused.code())));
        response.setHeader("WWW-Authenticate", "Basic realm=\"pitwall\", Bearer");
        problems.write(request, response, 401, refused.code(), refused.detail());
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
