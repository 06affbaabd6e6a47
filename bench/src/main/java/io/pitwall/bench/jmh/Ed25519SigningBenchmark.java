package io.pitwall.bench.jmh;

import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One Ed25519 signature over a 600-byte message (about a director targets file's canonical form): the JDK's
 * signer, which the server used, against BouncyCastle's with the key parameters prepared once, as the
 * server's {@code trust.internal.Ed25519Signing} does. The director repository signs three per vehicle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ed25519SigningBenchmark {

    private final byte[] message = new byte[600];
    private final KeyPair jdkKey;
    private final Ed25519PrivateKeyParameters bcKey;
    private final Ed25519PublicKeyParameters bcPublic;

    public Ed25519SigningBenchmark() {
        new Random(600).nextBytes(message);
        try {
            jdkKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        bcKey = new Ed25519PrivateKeyParameters(
                ((EdECPrivateKey) jdkKey.getPrivate()).getBytes().orElseThrow());
        bcPublic = bcKey.generatePublicKey();
    }

    @Benchmark
    public byte[] jdk() throws NoSuchAlgorithmException, InvalidKeyException, SignatureException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(jdkKey.getPrivate());
        signature.update(message);
        return signature.sign();
    }

    @Benchmark
    public byte[] bouncyCastle() {
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        bcKey.sign(Ed25519.Algorithm.Ed25519, bcPublic, null, message, 0, message.length, signature, 0);
        return signature;
    }
}
