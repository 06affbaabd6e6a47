package io.pitwall.server.device.internal;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /device/v1/vehicles/{vin}/**} by the vehicle's bearer credential or, when no
 * Authorization header is sent and mTLS is configured, by its TLS client certificate (fleet CA, VIN in the
 * subject CN; see {@link FleetCertificates}). Unknown, revoked, superseded, expired, untrusted or blocked →
 * 401; a credential of another vehicle than the path's VIN → 403. The
 * authenticated VIN is left in the request attribute {@link #VIN}. Credentials are resolved through the
 * {@link CredentialCache}. Other device paths ({@code /device/v1/enrolment}) pass without a bearer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DeviceAuthenticationFilter extends OncePerRequestFilter {

    static final String VIN = "pitwall.device.vin";
    private static final Pattern PATH = Pattern.compile("^/device/v1/vehicles/([^/]+)(/.*)?$");
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
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/device/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        X509Certificate[] presented = header == null && certificates.enabled()
                ? (X509Certificate[]) request.getAttribute(CLIENT_CHAIN) : null;
        Optional<Resolved> resolved;
        if (presented != null && presented.length > 0) {
            try {
                resolved = credentials.resolve(certificates.verify(List.of(presented)));
            } catch (FleetCertificates.Refused e) {
                unauthorized(request, response, e.code(), e.getMessage());
                return;
            }
            if (resolved.isEmpty() || resolved.get().revoked()) {
                unauthorized(request, response, "device-certificate-invalid",
                        "Unknown vehicle, or a revoked or superseded certificate");
                return;
            }
        } else if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(request, response, "device-unauthenticated",
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
        if (!resolved.get().vin().equals(path.group(1))) {
            problems.write(request, response, 403, "vin-mismatch", "The credential belongs to another vehicle");
            return;
        }
        request.setAttribute(VIN, resolved.get().vin());
        chain.doFilter(request, response);
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String code, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"pitwall-device\"");
        problems.write(request, response, 401, code, detail);
    }
}
