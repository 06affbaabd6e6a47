package io.pitwall.protocol.device;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.protocol.tuf.TufTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Uptane ECU version report: what one ECU runs, signed by that ECU's own Ed25519 key. The signed part
 * is {@code {"_type":"ecu-version-report","ecu_serial","installed_image":{"filepath","fileinfo":{"length",
 * "hashes"}},"report_counter","nonce"?,"time"}}; it travels as a TUF envelope (hex {@code sig} over the
 * canonical JSON, keyid of the ECU key) in {@link CheckinRequest#ecuReports()}. {@code reportCounter}
 * grows with every report of the ECU (replay defence); {@code nonce} echoes the server's
 * {@link CheckinResponse#reportNonce()} when it asked for fresh reports.
 */
public record EcuVersionReport(
        String ecuSerial, String filepath, long length, Hashes hashes, long reportCounter, String nonce, Instant time) {

    public static final String TYPE = "ecu-version-report";

    public EcuVersionReport {
        Require.text(ecuSerial, "ecu_serial");
        Require.text(filepath, "filepath");
        if (length < 0 || reportCounter < 0) {
            throw new IllegalArgumentException("length and report_counter must not be negative");
        }
        if (hashes == null || time == null) {
            throw new IllegalArgumentException("hashes and time are required");
        }
        if (nonce != null && (nonce.isEmpty() || nonce.length() > 64)) {
            throw new IllegalArgumentException("nonce has 1 to 64 characters");
        }
    }

    /** The signed part as a JSON tree. */
    public ObjectNode toSigned() {
        ObjectNode signed = DeviceJson.mapper().createObjectNode();
        signed.put("_type", TYPE);
        signed.put("ecu_serial", ecuSerial);
        ObjectNode image = signed.putObject("installed_image");
        image.put("filepath", filepath);
        ObjectNode fileinfo = image.putObject("fileinfo");
        fileinfo.put("length", length);
        ObjectNode hashNode = fileinfo.putObject("hashes");
        hashes.asMap().forEach(hashNode::put);
        signed.put("report_counter", reportCounter);
        if (nonce != null) {
            signed.put("nonce", nonce);
        }
        signed.put("time", TufTime.format(time));
        return signed;
    }

    /** Reads a signed part (unknown fields ignored); a malformed one fails with IllegalArgumentException. */
    public static EcuVersionReport fromSigned(JsonNode signed) {
        if (signed == null || !signed.isObject() || !TYPE.equals(text(signed, "_type"))) {
            throw new IllegalArgumentException("not an " + TYPE);
        }
        JsonNode fileinfo = signed.path("installed_image").path("fileinfo");
        JsonNode hashes = fileinfo.path("hashes");
        return new EcuVersionReport(
                text(signed, "ecu_serial"),
                text(signed.path("installed_image"), "filepath"),
                integer(fileinfo, "length"),
                new Hashes(text(hashes, "sha256"), optionalText(hashes, "sha512")),
                integer(signed, "report_counter"),
                optionalText(signed, "nonce"),
                TufTime.parse(text(signed, "time")));
    }

    /**
     * This report signed by an ECU key: {@code signer} gets the canonical bytes of the signed part and
     * answers the raw Ed25519 signature (so the private key may stay inside the ECU).
     */
    public Envelope sign(TufKey key, UnaryOperator<byte[]> signer) {
        ObjectNode signed = toSigned();
        byte[] signature = signer.apply(CanonicalJson.bytes(signed));
        return Envelope.of(
                signed, List.of(new Envelope.Sig(key.keyId(), HexFormat.of().formatHex(signature))));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(field + " is required text");
        }
        return value.stringValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field);
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " is required as an integer");
        }
        return value.longValue();
    }
}
