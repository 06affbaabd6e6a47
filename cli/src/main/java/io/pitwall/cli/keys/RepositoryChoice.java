package io.pitwall.cli.keys;

import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Which root a {@code keys} command works on: the image repository's (default) or, with {@code --director}, the
 * director repository's. The director's targets, snapshot and timestamp keys are always the server's online keys;
 * its root keys are kept in the same directory under the file prefix {@code director-root}.
 */
class RepositoryChoice {

    @Option(
            names = "--director",
            description = "Work on the director repository's root instead of the image repository's.")
    boolean director;

    /** The file prefix (and OfflineKey role) of this repository's root keys. */
    String rootKeyRole() {
        return director ? "director-root" : "root";
    }

    String name() {
        return director ? "Director root" : "Root";
    }

    String rootPath() {
        return director ? "/api/v1/trust/director/root" : "/api/v1/trust/repository/root";
    }

    /** Where the server proposes root N+1 with fresh online keys (online-key rotation). */
    String proposalPath() {
        return rootPath() + "/proposal";
    }

    /** The director serves each vehicle only its latest files, so its root has consistent_snapshot false. */
    boolean consistentSnapshot() {
        return !director;
    }

    /** The roles signed with the server's online keys. */
    List<String> onlineRoles() {
        return director ? List.of("targets", "snapshot", "timestamp") : List.of("snapshot", "timestamp");
    }

    Root currentRoot(RepositoryApi api) {
        if (director) {
            return Root.fromSigned(api.get("/api/v1/trust/director/root").get("signed"));
        }
        long version = api.get("/api/v1/trust/repository")
                .path("versions")
                .path("root")
                .asLong();
        return Root.fromSigned(api.get("/repo/" + version + ".root.json").get("signed"));
    }

    /** Puts the server's current online keys into the root being built, one per online role, threshold 1. */
    void onlineRoles(RepositoryApi api, Map<String, TufKey> keys, Map<String, Root.RoleKeys> roles) {
        JsonNode online =
                director ? api.get("/api/v1/trust/director").get("onlineKeys") : api.get("/api/v1/trust/online-keys");
        for (String role : onlineRoles()) {
            TufKey key = TufKey.fromJson(online.get(role));
            keys.put(key.keyId(), key);
            roles.put(role, new Root.RoleKeys(List.of(key.keyId()), 1));
        }
    }
}
