package io.pitwall.server.support;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A throw-away PKI for TLS tests, generated in the test: EC P-256 keys, certificates built with bcprov's
 * ASN.1 classes (no bcpkix needed) and signed by the JDK.
 */
public final class TestPki {

    /** A key pair with its certificate and the issuing chain above it. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate... chain) {

        /** A PKCS#12 key store (password {@code changeit}) with the key under alias {@code key}. */
        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                var all = new X509Certificate[chain.length + 1];
                all[0] = certificate;
                System.arraycopy(chain, 0, all, 1, chain.length);
                store.setKeyEntry("key", keys.getPrivate(), PASSWORD, all);
                return store;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        public String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    public static final char[] PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);
    private static final AlgorithmIdentifier ECDSA_SHA256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private TestPki() {}

    public static Issued ca(String name) {
        KeyPair keys = keys();
        return new Issued(
                keys,
                sign(
                        new X500Name(name),
                        new X500Name(name),
                        keys,
                        keys,
                        true,
                        null,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(365))));
    }

    /** A client certificate with the given CN, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued client(Issued ca, String cn, Instant notBefore, Instant notAfter) {
        KeyPair keys = keys();
        return new Issued(
                keys,
                sign(
                        new X500Name("CN=" + cn + ",O=Pitwall test fleet"),
                        dn(ca),
                        keys,
                        ca.keys(),
                        false,
                        null,
                        notBefore,
                        notAfter),
                ca.certificate());
    }

    public static Issued client(Issued ca, String cn) {
        return client(
                ca, cn, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    /** A client certificate with the given CN and serial number (e.g. one longer than RFC 5280 allows). */
    public static Issued client(Issued ca, String cn, BigInteger serial) {
        KeyPair keys = keys();
        return new Issued(
                keys,
                sign(
                        new X500Name("CN=" + cn + ",O=Pitwall test fleet"),
                        dn(ca),
                        keys,
                        ca.keys(),
                        false,
                        null,
                        Instant.now().minus(Duration.ofHours(1)),
                        Instant.now().plus(Duration.ofDays(30)),
                        serial),
                ca.certificate());
    }

    /** A server certificate for 127.0.0.1. */
    public static Issued server(Issued ca) {
        KeyPair keys = keys();
        return new Issued(
                keys,
                sign(
                        new X500Name("CN=127.0.0.1"),
                        dn(ca),
                        keys,
                        ca.keys(),
                        false,
                        "127.0.0.1",
                        Instant.now().minus(Duration.ofHours(1)),
                        Instant.now().plus(Duration.ofDays(30))),
                ca.certificate());
    }

    public static KeyStore trustStore(X509Certificate... cas) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.length; i++) {
                store.setCertificateEntry("ca" + i, cas[i]);
            }
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name dn(Issued ca) {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate sign(
            X500Name subject,
            X500Name issuer,
            KeyPair subjectKeys,
            KeyPair issuerKeys,
            boolean isCa,
            String ipAddress,
            Instant notBefore,
            Instant notAfter) {
        return sign(
                subject,
                issuer,
                subjectKeys,
                issuerKeys,
                isCa,
                ipAddress,
                notBefore,
                notAfter,
                BigInteger.valueOf(SERIALS.incrementAndGet()));
    }

    private static X509Certificate sign(
            X500Name subject,
            X500Name issuer,
            KeyPair subjectKeys,
            KeyPair issuerKeys,
            boolean isCa,
            String ipAddress,
            Instant notBefore,
            Instant notAfter,
            BigInteger serial) {
        try {
            var tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(serial));
            tbs.setIssuer(issuer);
            tbs.setSubject(subject);
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(
                    SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
            tbs.setSignature(ECDSA_SHA256);
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            extensions.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (!isCa) {
                extensions.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(
                                ipAddress == null ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            }
            if (ipAddress != null) {
                extensions.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, ipAddress)));
            }
            tbs.setExtensions(extensions.generate());
            var toBeSigned = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(issuerKeys.getPrivate());
            signer.update(toBeSigned.getEncoded(ASN1Encoding.DER));
            var certificate = new ASN1EncodableVector();
            certificate.add(toBeSigned);
            certificate.add(ECDSA_SHA256);
            certificate.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
