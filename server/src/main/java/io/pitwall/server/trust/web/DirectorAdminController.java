package io.pitwall.server.trust.web;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.trust.internal.DirectorStatus;
import io.pitwall.server.trust.internal.DirectorTrust;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The director repository's root chain: status, hand-over to offline root keys, online-key rotation. */
@RestController
@RequestMapping("/api/v1/trust/director")
class DirectorAdminController {

    static final String DEVELOPMENT_NOTICE = "Development mode, NOT FOR PRODUCTION: the server holds the director "
            + "root key online. Production keeps it offline (./pitwall keys init --director).";

    record StatusResponse(
            String mode,
            boolean notForProduction,
            String notice,
            long rootVersion,
            Instant rootExpires,
            int rootThreshold,
            Map<String, JsonNode> onlineKeys) {

        static StatusResponse of(DirectorStatus s) {
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            s.onlineKeys().forEach((role, key) -> keys.put(role, key.toJson()));
            return new StatusResponse(
                    s.mode(),
                    s.notForProduction(),
                    s.notForProduction() ? DEVELOPMENT_NOTICE : null,
                    s.rootVersion(),
                    s.rootExpires(),
                    s.rootThreshold(),
                    keys);
        }
    }

    private final DirectorTrust director;

    DirectorAdminController(DirectorTrust director) {
        this.director = director;
    }

    @GetMapping
    @RequiresPermission(Permission.IMAGE_READ)
    StatusResponse status() {
        return StatusResponse.of(director.status());
    }

    /** The director root in force (vehicles read it under the device API). */
    @GetMapping("/root")
    @RequiresPermission(Permission.IMAGE_READ)
    ResponseEntity<byte[]> root() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(director.currentRoot());
    }

    /** The unsigned signed part of root N+1 naming fresh online targets, snapshot and timestamp keys. */
    @PostMapping("/root/proposal")
    @RequiresPermission(Permission.KEYS_MANAGE)
    JsonNode proposeRoot() {
        return director.proposeRoot();
    }

    /** Uploads director root N+1; 422 with a code when it does not verify, and nothing changes. */
    @PostMapping("/root")
    @RequiresPermission(Permission.KEYS_MANAGE)
    StatusResponse uploadRoot(@RequestBody JsonNode body) {
        Envelope envelope = UploadedEnvelopes.read(body, "root-invalid");
        return StatusResponse.of(director.acceptRoot(envelope));
    }
}
