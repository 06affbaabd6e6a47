package io.pitwall.server.device.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vehicle authentication by X.509 client certificate (mTLS), next to bearer tokens.
 *
 * @param fleetCaBundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem|jks.<name>}) whose trust
 *                      store holds the fleet CA certificate(s) that issue vehicle certificates; empty = off. The
 *                      server's own TLS key and {@code server.ssl.client-auth: want} are Boot's
 *                      {@code server.ssl.*} settings (the same bundle may serve both).
 */
@ConfigurationProperties("pitwall.device.client-certificates")
public record ClientCertificateSettings(String fleetCaBundle) {

    public ClientCertificateSettings {
        fleetCaBundle = fleetCaBundle == null ? "" : fleetCaBundle.strip();
    }

    public boolean enabled() {
        return !fleetCaBundle.isEmpty();
    }
}
