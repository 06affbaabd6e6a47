package io.pitwall.server.trust.web;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.trust.ImageRepository;
import io.pitwall.server.trust.RepositoryStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/trust")
class RepositoryAdminController {

    static final String DEVELOPMENT_NOTICE = "Development mode, NOT FOR PRODUCTION: the server holds the image "
            + "repository's root and/or targets keys online. Production keeps them offline (./pitwall keys).";

    /** The repository's state; {@code notForProduction} is true while the server holds root or targets keys. */
    record StatusResponse(
            String mode,
            boolean notForProduction,
            String notice,
            boolean targetsCurrent,
            Map<String, Long> versions,
            Map<String, Instant> expires,
            String url) {

        static StatusResponse of(RepositoryStatus s) {
            return new StatusResponse(
                    s.mode(),
                    s.notForProduction(),
                    s.notForProduction() ? DEVELOPMENT_NOTICE : null,
                    s.targetsCurrent(),
                    s.versions(),
                    s.expires(),
                    "/repo/");
        }
    }

    private final ImageRepository repository;

    RepositoryAdminController(ImageRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/repository")
    @RequiresPermission(Permission.IMAGE_READ)
    StatusResponse status() {
        return StatusResponse.of(repository.status());
    }

    /** The server's online snapshot and timestamp public keys (TUF key objects by role), for an offline root. */
    @GetMapping("/online-keys")
    @RequiresPermission(Permission.KEYS_MANAGE)
    Map<String, JsonNode> onlineKeys() {
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        repository.status().onlineKeys().forEach((role, key) -> keys.put(role, key.toJson()));
        return keys;
    }

    /** The signed part of the next targets version (current target list), to be signed offline. */
    @GetMapping("/repository/targets/unsigned")
    @RequiresPermission(Permission.KEYS_MANAGE)
    JsonNode unsignedTargets() {
        return repository.unsignedTargets();
    }

    /** Uploads targets metadata signed with offline targets keys; 422 with a code when it does not verify. */
    @PutMapping("/repository/targets")
    @RequiresPermission(Permission.KEYS_MANAGE)
    StatusResponse uploadTargets(@RequestBody JsonNode body) {
        Envelope envelope = UploadedEnvelopes.read(body, "targets-invalid");
        repository.acceptTargets(envelope);
        return StatusResponse.of(repository.status());
    }

    /**
     * Online-key rotation: the unsigned signed part of root N+1 naming fresh snapshot and timestamp keys (the same
     * draft until a root naming them is accepted), to be signed with the offline root keys and uploaded below.
     */
    @PostMapping("/repository/root/proposal")
    @RequiresPermission(Permission.KEYS_MANAGE)
    JsonNode proposeRoot() {
        return repository.proposeRoot();
    }

    /** Uploads root N+1 (a signed TUF root envelope); refused with 422 and a code when it does not verify. */
    @PostMapping("/repository/root")
    @RequiresPermission(Permission.KEYS_MANAGE)
    ResponseEntity<StatusResponse> uploadRoot(@RequestBody JsonNode body) {
        Envelope envelope = UploadedEnvelopes.read(body, "root-invalid");
        repository.acceptRoot(envelope);
        return ResponseEntity.ok(StatusResponse.of(repository.status()));
    }
}
