package io.pitwall.server.device.internal;

import io.pitwall.server.device.persistence.VehicleCertificates;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers (pins) a vehicle's X.509 client certificate, rotates it (the previous one is revoked) and revokes
 * certificates by fingerprint or serial number. A certificate is accepted only if it checks out against the
 * fleet CA now and names the vehicle in its subject CN. Without a pinned certificate any valid fleet
 * certificate of the vehicle authenticates it; once one is pinned, only that one does. Changes apply on this
 * node at commit and on others within the {@link CredentialCache} time to live.
 */
@Service
public class VehicleCertificateRegistration {

    /** A pinned certificate: SHA-256 fingerprint and serial number in lower-case hex. */
    public record RegisteredCertificate(String vin, String fingerprint, String serialNumber, OffsetDateTime notAfter) {}

    static final int MAX_PEM_CHARS = 65_536;
    private final VehicleCertificates certificates;
    private final FleetCertificates fleet;
    private final KnownVehicles vehicles;
    private final CredentialCache cache;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VehicleCertificateRegistration(
            VehicleCertificates certificates,
            FleetCertificates fleet,
            KnownVehicles vehicles,
            CredentialCache cache,
            ApplicationEventPublisher events,
            Clock clock) {
        this.certificates = certificates;
        this.fleet = fleet;
        this.vehicles = vehicles;
        this.cache = cache;
        this.events = events;
        this.clock = clock;
    }

    public Optional<RegisteredCertificate> pinned(String vin) {
        requireVehicle(vin);
        return certificates
                .pinned(vin)
                .map(p -> new RegisteredCertificate(vin, p.fingerprint(), p.serialNumber(), p.notAfter()));
    }

    /** Pins the certificate (PEM, leaf first, intermediates may follow); the one pinned before is revoked. */
    @Transactional
    public RegisteredCertificate register(String vin, String pem) {
        requireVehicle(vin);
        FleetCertificates.Verified verified;
        try {
            verified = fleet.verify(parse(pem));
        } catch (FleetCertificates.Refused e) {
            throw new ApiException("client-certificates-off".equals(e.code()) ? 409 : 422, e.code(), e.getMessage());
        }
        if (!verified.vin().equals(vin)) {
            throw ApiException.unprocessable("certificate-vin-mismatch", "The certificate's CN names another vehicle");
        }
        if (certificates.isRevoked(vin, verified.fingerprint(), verified.serialNumber())) {
            throw ApiException.conflict("certificate-revoked", "This certificate was revoked; issue a new one");
        }
        var before = certificates.pinned(vin);
        var result = new RegisteredCertificate(
                vin,
                verified.fingerprint(),
                verified.serialNumber(),
                OffsetDateTime.ofInstant(verified.leaf().getNotAfter().toInstant(), ZoneOffset.UTC));
        if (before.isPresent() && before.get().fingerprint().equals(verified.fingerprint())) {
            return result;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        certificates.revokePinned(vin, now);
        try {
            certificates.pin(vin, result.fingerprint(), result.serialNumber(), result.notAfter(), now);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(
                    "credential-conflict", "Another certificate was pinned at the same moment; retry");
        }
        cache.invalidate(Set.of(vin));
        var details = new LinkedHashMap<String, Object>();
        details.put("fingerprint", result.fingerprint());
        details.put("serialNumber", result.serialNumber());
        before.ifPresent(b -> details.put("replaced", b.fingerprint()));
        events.publishEvent(Audited.succeeded("device.certificate.register", "vehicle:" + vin, details));
        return result;
    }

    /** Revokes the pinned certificate, so it can never authenticate again. */
    @Transactional
    public void revokePinned(String vin) {
        requireVehicle(vin);
        var pinned = certificates
                .pinned(vin)
                .orElseThrow(
                        () -> ApiException.notFound("certificate-not-found", "This vehicle has no pinned certificate"));
        certificates.revokePinned(vin, OffsetDateTime.now(clock));
        cache.invalidate(Set.of(vin));
        events.publishEvent(Audited.succeeded(
                "device.certificate.revoke", "vehicle:" + vin, Map.of("fingerprint", pinned.fingerprint())));
    }

    /** Revokes a certificate of the vehicle by fingerprint and/or serial number, pinned or not. */
    @Transactional
    public void revoke(String vin, String fingerprint, String serialNumber) {
        requireVehicle(vin);
        String f = normalizedHex(fingerprint, "invalid-fingerprint", 64);
        String s = normalizedHex(serialNumber, "invalid-serial-number", 0);
        if (f == null && s == null) {
            throw ApiException.unprocessable("certificate-identity-required", "Give a fingerprint or a serial number");
        }
        s = s == null ? null : new BigInteger(s, 16).toString(16);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var pinned = certificates.pinned(vin);
        if (pinned.isPresent()
                && (pinned.get().fingerprint().equals(f)
                        || pinned.get().serialNumber().equals(s))) {
            certificates.revokePinned(vin, now);
        }
        certificates.revoke(vin, f, s, now);
        cache.invalidate(Set.of(vin));
        var details = new LinkedHashMap<String, Object>();
        details.put("fingerprint", f == null ? "" : f);
        details.put("serialNumber", s == null ? "" : s);
        events.publishEvent(Audited.succeeded("device.certificate.revoke", "vehicle:" + vin, details));
    }

    private static String normalizedHex(String value, String code, int length) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String hex = value.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{1,64}") || (length > 0 && hex.length() != length)) {
            throw ApiException.unprocessable(
                    code,
                    length > 0
                            ? "A fingerprint is 64 hex digits (SHA-256 of the DER)"
                            : "A serial number is 1-64 hex digits");
        }
        return hex;
    }

    private static List<X509Certificate> parse(String pem) {
        if (pem == null || pem.isBlank() || pem.length() > MAX_PEM_CHARS) {
            throw ApiException.badRequest("invalid-certificate", "Give the certificate as PEM (at most 64 KiB)");
        }
        try {
            var parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : parsed) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty() || chain.size() > 8) {
                throw ApiException.badRequest("invalid-certificate", "Give 1 to 8 PEM certificates, leaf first");
            }
            return chain;
        } catch (CertificateException | ClassCastException e) {
            throw ApiException.badRequest("invalid-certificate", "The certificate is not readable PEM X.509");
        }
    }

    private void requireVehicle(String vin) {
        if (!vehicles.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
    }
}
