package io.pitwall.server.device.internal;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * With vehicle mTLS on, makes Tomcat accept any client certificate at the handshake
 * ({@link AnyClientCertificate}); runs after Boot applied {@code server.ssl.*}.
 */
@Component
class ClientCertificateConnector implements TomcatConnectorCustomizer {

    private final ClientCertificateSettings settings;

    ClientCertificateConnector(ClientCertificateSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customize(Connector connector) {
        if (settings.enabled()
                && connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol
                && protocol.isSSLEnabled()) {
            for (SSLHostConfig host : protocol.findSslHostConfigs()) {
                host.setTrustManagerClassName(AnyClientCertificate.class.getName());
            }
        }
    }
}
