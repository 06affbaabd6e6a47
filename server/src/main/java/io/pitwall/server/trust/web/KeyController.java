package io.pitwall.server.trust.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.TrustedKeys;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/keys")
class KeyController {

    static final String DEVELOPMENT_NOTICE = "Development mode, not for production: this key is generated and held "
            + "online by the server. Production keeps root and targets keys offline.";

    /**
     * One signing key. {@code key} is the TUF key object, ready for {@code TufKey.fromJson}; {@code keyid} is
     * the hex SHA-256 of its canonical JSON, the value signatures name. {@code destroyedAt}: when its private half
     * was destroyed (a root stopped listing it); what it signed before stays verifiable.
     */
    record KeyResponse(
            String keyid,
            String role,
            String mode,
            String status,
            boolean notForProduction,
            String notice,
            JsonNode key,
            OffsetDateTime createdAt,
            OffsetDateTime retiredAt,
            OffsetDateTime destroyedAt) {

        static KeyResponse of(SigningKey k) {
            return new KeyResponse(
                    k.keyId(),
                    k.role(),
                    k.mode().name().toLowerCase(),
                    k.status().name(),
                    k.notForProduction(),
                    k.notForProduction() ? DEVELOPMENT_NOTICE : null,
                    k.publicKey().toJson(),
                    k.createdAt(),
                    k.retiredAt(),
                    k.destroyedAt());
        }
    }

    private final TrustedKeys keys;

    KeyController(TrustedKeys keys) {
        this.keys = keys;
    }

    /** Every signing key with its public half, newest first. */
    @GetMapping
    @RequiresPermission(Permission.IMAGE_READ)
    List<KeyResponse> list() {
        return keys.all().stream().map(KeyResponse::of).toList();
    }
}
