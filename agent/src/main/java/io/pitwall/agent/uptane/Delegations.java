package io.pitwall.agent.uptane;

import io.pitwall.agent.uptane.UptaneRejected.Reason;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.TufKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Target search through delegated targets roles (spec §5.6.7): pre-order depth-first in listed order, a role
 * only when the wanted path matches its {@code paths} (so matching holds along the whole chain), each visited
 * once, at most {@code maxRoles}, and a matching terminating delegation ends the search. Each delegated file is
 * checked against its delegator's keys and threshold and the version the snapshot lists.
 */
final class Delegations {

    private enum Outcome {
        NOT_FOUND,
        STOP
    }

    private final TufClient client;
    private final int maxRoles;
    private final long maxBytes;
    private final Map<String, Envelope> verified = new LinkedHashMap<>();

    Delegations(TufClient client, int maxRoles, long maxBytes) {
        this.client = client;
        this.maxRoles = maxRoles;
        this.maxBytes = maxBytes;
    }

    /** The metadata a search runs in: the snapshot naming the delegated roles' versions, and where files go. */
    private record Scope(Envelope snapshot, boolean consistent, Instant now, Map<String, byte[]> writes) {}

    /**
     * @param writes receives each delegated role file verified on the way (store name → bytes), for the caller to
     *               persist when it trusts what it searched
     */
    Optional<TargetFile> find(
            String path,
            Envelope targets,
            Envelope snapshot,
            boolean consistent,
            Instant now,
            Map<String, byte[]> writes) {
        Set<String> visited = new HashSet<>();
        visited.add("targets");
        TargetFile[] found = new TargetFile[1];
        search(path, "targets", targets, new Scope(snapshot, consistent, now, writes), visited, found);
        return Optional.ofNullable(found[0]);
    }

    private Outcome search(
            String path, String roleName, Envelope role, Scope scope, Set<String> visited, TargetFile[] found) {
        JsonNode entry = role.signed().path("targets").path(path);
        if (entry.isObject()) {
            found[0] = TargetFile.of(path, entry, roleName);
            return Outcome.STOP;
        }
        JsonNode delegations = role.signed().path("delegations");
        if (!delegations.isObject()) {
            return Outcome.NOT_FOUND;
        }
        Map<String, TufKey> keys = keys(delegations.path("keys"));
        for (JsonNode child : delegations.path("roles")) {
            String childName = child.path("name").asString("");
            if (!matches(child, path) || !visited.add(childName)) {
                continue;
            }
            if (visited.size() - 1 > maxRoles) {
                throw new UptaneRejected(Reason.DELEGATION_LIMIT, "more than " + maxRoles + " delegated roles");
            }
            Envelope childRole = load(childName, child, keys, scope);
            if (search(path, childName, childRole, scope, visited, found) == Outcome.STOP
                    || child.path("terminating").asBoolean(false)) {
                return Outcome.STOP;
            }
        }
        return Outcome.NOT_FOUND;
    }

    private Envelope load(String roleName, JsonNode delegation, Map<String, TufKey> delegatorKeys, Scope scope) {
        if (!roleName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") || roleName.contains("..")) {
            throw new UptaneRejected(Reason.BAD_PATH, "refused delegated role name " + roleName);
        }
        Instant now = scope.now();
        Envelope snapshot = scope.snapshot();
        long version = Checks.metaVersion(snapshot, roleName + ".json", "snapshot");
        Map<String, TufKey> roleKeys = new LinkedHashMap<>();
        for (JsonNode id : delegation.path("keyids")) {
            TufKey key = delegatorKeys.get(id.asString(""));
            if (key != null) {
                roleKeys.put(id.asString(""), key);
            }
        }
        int threshold = delegation.path("threshold").asInt(0);
        if (threshold < 1 || roleKeys.size() < threshold) {
            throw new UptaneRejected(Reason.MALFORMED, "delegation " + roleName + " has an unreachable threshold");
        }
        Envelope cached = verified.get(roleName);
        if (cached != null && cached.signed().path("version").longValue() == version && !Checks.expired(cached, now)) {
            // The delegator may have changed the role's keys without the role's file changing.
            Checks.signed(cached, roleKeys, threshold, "delegated role " + roleName);
            return cached;
        }
        String fileName = (scope.consistent() ? version + "." : "")
                + URLEncoder.encode(roleName, StandardCharsets.UTF_8) + ".json";
        byte[] bytes = client.download(fileName, snapshot.signed().path("meta").path(roleName + ".json"), maxBytes);
        Envelope fresh = Checks.parse(bytes, "delegated role " + roleName);
        long actual = Checks.typed(fresh, "targets", "delegated role " + roleName);
        Checks.signed(fresh, roleKeys, threshold, "delegated role " + roleName);
        if (actual != version) {
            throw new UptaneRejected(
                    Reason.MIX_AND_MATCH, "snapshot names " + roleName + " version " + version + ", got " + actual);
        }
        if (Checks.expired(fresh, now)) {
            throw new UptaneRejected(Reason.EXPIRED, "delegated role " + roleName + " has expired");
        }
        scope.writes()
                .put(client.file("role-" + HexFormat.of().formatHex(roleName.getBytes(StandardCharsets.UTF_8))), bytes);
        verified.put(roleName, fresh);
        return fresh;
    }

    /** Keys listed under the keyid their content hashes to, exactly as written; anything else is refused. */
    private static Map<String, TufKey> keys(JsonNode keys) {
        Map<String, TufKey> byId = new LinkedHashMap<>();
        for (var entry : keys.properties()) {
            TufKey key;
            try {
                key = TufKey.fromJson(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new UptaneRejected(Reason.MALFORMED, "delegated key " + entry.getKey() + ": " + e.getMessage());
            }
            if (!key.keyId().equals(entry.getKey()) || !key.toJson().equals(entry.getValue())) {
                throw new UptaneRejected(
                        Reason.KEYID_MISMATCH, "delegated keyid " + entry.getKey() + " is not the SHA-256 of its key");
            }
            byId.put(entry.getKey(), key);
        }
        return byId;
    }

    /** Shell-style patterns ({@code *} and {@code ?} never cross a {@code /}), or hex prefixes of the path's hash. */
    static boolean matches(JsonNode delegation, String path) {
        if (delegation.path("paths").isArray()) {
            for (JsonNode pattern : delegation.path("paths")) {
                if (glob(pattern.asString("")).matcher(path).matches()) {
                    return true;
                }
            }
            return false;
        }
        if (delegation.path("path_hash_prefixes").isArray()) {
            String hash = RoleMetadata.digest("sha256", path.getBytes(StandardCharsets.UTF_8));
            for (JsonNode prefix : delegation.path("path_hash_prefixes")) {
                if (!prefix.asString("").isEmpty() && hash.startsWith(prefix.asString(""))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? "[^/]*" : "[^/]");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
