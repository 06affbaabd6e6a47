package io.pitwall.server.device.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Checks vehicle client certificate chains against the configured fleet CA (PKIX, at the injected clock's
 * time, no CRL/OCSP: revocation is Pitwall's own per-vehicle list) and reads the VIN from the leaf's
 * subject CN. The TLS layer accepts any client certificate ({@link AnyClientCertificate}) so that a bad
 * one is answered here, with problem+json, instead of a failed handshake.
 */
@Component
public class FleetCertificates {

    /** A certificate that checked out: its VIN, SHA-256 fingerprint and serial number (lower-case hex). */
    /** Hex digits of the longest serial number kept (the revocation and pinning columns). */
    static final int MAX_SERIAL_HEX = 64;

    public record Verified(String vin, String fingerprint, String serialNumber, X509Certificate leaf) {}

    /** Why a chain was refused; {@code code} is the problem code. */
    public static final class Refused extends Exception {
        private final String code;

        Refused(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    FleetCertificates(ClientCertificateSettings settings, SslBundles bundles, Clock clock) {
        this.clock = clock;
        this.anchors = settings.enabled()
                ? anchors(
                        bundles.getBundle(settings.fleetCaBundle()).getStores().getTrustStore(),
                        settings.fleetCaBundle())
                : Set.of();
    }

    public boolean enabled() {
        return !anchors.isEmpty();
    }

    /** Verifies a chain (leaf first) as presented by a client or uploaded by an operator. */
    public Verified verify(List<X509Certificate> chain) throws Refused {
        if (!enabled()) {
            throw new Refused("client-certificates-off", "Client certificates are not configured on this server");
        }
        if (chain.isEmpty()) {
            throw new Refused("certificate-untrusted", "No certificate");
        }
        X509Certificate leaf = chain.get(0);
        try {
            var params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
                throw new Refused("certificate-expired", "The client certificate is expired or not yet valid");
            }
            throw new Refused("certificate-untrusted", "The client certificate is not issued by the fleet CA");
        } catch (GeneralSecurityException e) {
            throw new Refused("certificate-untrusted", "The client certificate chain cannot be checked");
        }
        if (leaf.getBasicConstraints() != -1 || !clientAuthAllowed(leaf)) {
            throw new Refused("certificate-untrusted", "The certificate is not a client certificate");
        }
        String serial = leaf.getSerialNumber().toString(16);
        if (serial.length() > MAX_SERIAL_HEX) {
            // RFC 5280 allows 20 octets; the fleet's records keep up to 32.
            throw new Refused("certificate-serial-too-long", "The certificate's serial number is longer than 32 bytes");
        }
        return new Verified(vin(leaf), fingerprint(leaf), serial, leaf);
    }

    private static boolean clientAuthAllowed(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String vin(X509Certificate leaf) throws Refused {
        String cn = null;
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    if (cn != null) {
                        throw new Refused("certificate-vin-missing", "The certificate subject has more than one CN");
                    }
                    cn = String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            cn = null;
        }
        if (cn == null || !cn.matches("[A-HJ-NPR-Z0-9]{17}")) {
            throw new Refused("certificate-vin-missing", "The certificate subject CN is not a VIN");
        }
        return cn;
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<TrustAnchor> anchors(KeyStore trustStore, String bundle) {
        Set<TrustAnchor> anchors = new HashSet<>();
        try {
            for (String alias : Collections.list(trustStore.aliases())) {
                if (trustStore.getCertificate(alias) instanceof X509Certificate ca) {
                    anchors.add(new TrustAnchor(ca, null));
                }
            }
        } catch (GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("SSL bundle '" + bundle + "' has no readable trust store", e);
        }
        if (anchors.isEmpty()) {
            throw new IllegalStateException("SSL bundle '" + bundle + "' trusts no fleet CA certificate");
        }
        return Set.copyOf(anchors);
    }
}
