package io.pitwall.server.device.internal;

import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.device.persistence.VehicleCredentials.Resolved;
import io.pitwall.server.shared.Secrets;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a device-API request by the vehicle's bearer credential or, when no Authorization header is
 * sent and mTLS is configured, by its TLS client certificate (fleet CA, VIN in the subject CN; see
 * {@link FleetCertificates}). Unknown, revoked, superseded, expired, untrusted or blocked → 401 here. A known
 * vehicle becomes the request's {@link AuthenticatedVehicle}; a request with no credential at all passes on
 * unauthenticated and is refused by the chain's authorization ({@link DeviceSecurityConfiguration}), which also
 * refuses a vehicle on another vehicle's path. Credentials are resolved through the {@link CredentialCache}.
 * It runs only in the device chain and never looks at the path itself.
 */
class DeviceAuthenticationFilter extends OncePerRequestFilter {

    private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";
    private final CredentialCache credentials;
    private final FleetCertificates certificates;
    private final Problems problems;

    DeviceAuthenticationFilter(CredentialCache credentials, FleetCertificates certificates, Problems problems) {
        this.credentials = credentials;
        this.certificates = certificates;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        X509Certificate[] presented = header == null && certificates.enabled()
                ? (X509Certificate[]) request.getAttribute(CLIENT_CHAIN)
                : null;
        Optional<Resolved> resolved;
        if (presented != null && presented.length > 0) {
            try {
                resolved = credentials.resolve(certificates.verify(List.of(presented)));
            } catch (FleetCertificates.Refused e) {
                unauthorized(request, response, e.code(), e.getMessage());
                return;
            }
            if (resolved.isEmpty() || resolved.get().revoked()) {
                unauthorized(
                        request,
                        response,
                        "device-certificate-invalid",
                        "Unknown vehicle, or a revoked or superseded certificate");
                return;
            }
        } else if (header == null) {
            chain.doFilter(request, response);
            return;
        } else if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(
                    request,
                    response,
                    "device-unauthenticated",
                    "A vehicle authenticates with its bearer credential or client certificate");
            return;
        } else {
            resolved = credentials.resolve(Secrets.sha256Hex(header.substring(7).trim()));
            if (resolved.isEmpty() || resolved.get().revoked()) {
                unauthorized(request, response, "device-credential-invalid", "Unknown or revoked vehicle credential");
                return;
            }
        }
        if (resolved.get().blocked()) {
            unauthorized(request, response, "vehicle-blocked", "This vehicle is blocked");
            return;
        }
        var vehicle = new AuthenticatedVehicle(resolved.get().vin());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                vehicle, null, List.of(new SimpleGrantedAuthority(AuthenticatedVehicle.AUTHORITY))));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static void unauthorized(
            HttpServletRequest request, HttpServletResponse response, Problems problems, String code, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"pitwall-device\"");
        problems.write(request, response, 401, code, detail);
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String code, String detail)
            throws IOException {
        unauthorized(request, response, problems, code, detail);
    }
}
