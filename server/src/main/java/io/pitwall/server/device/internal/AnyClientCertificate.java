package io.pitwall.server.device.internal;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Tomcat's trust manager for client certificates when vehicle mTLS is on: accepts every client chain at
 * the handshake (the client still proves it holds the key), so that {@link FleetCertificates} judges it and
 * a refused certificate gets a 401 problem+json rather than a broken connection. Only device paths look at
 * client certificates. Instantiated by Tomcat by class name, hence public with a no-argument constructor.
 */
public final class AnyClientCertificate implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Judged per request by FleetCertificates.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Pitwall's server does not verify servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
