package io.pitwall.cli.keys;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./pitwall keys}: the offline root keys of the image and director repositories and the image
 * repository's offline targets keys, kept on an operator's machine. The server only ever receives signed
 * metadata.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Offline TUF keys of the image repository and (--director) of the director repository.",
        subcommands = {KeysCommand.Init.class, KeysCommand.SignTargets.class, KeysCommand.SignRoot.class})
public class KeysCommand implements Runnable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = {
                "Generates offline root keys (threshold-signed) and a targets key in DIR, signs root N+1 naming them plus "
                        + "the server's online snapshot and timestamp keys, uploads it (a development-mode server counter-signs "
                        + "as root N), and signs the current targets.",
                "With --director: generates the director repository's offline root keys only and hands its root over to "
                        + "them (its targets, snapshot and timestamp keys stay the server's online keys)."
            })
    static class Init implements Callable<Integer> {

        @Mixin
        KeyToolOptions options;

        @Mixin
        RootKeyOptions root;

        @Mixin
        RepositoryChoice repository;

        @Override
        public Integer call() throws IOException {
            root.check();
            RepositoryApi api = options.api();
            char[] passphrase = options.passphrase();
            createPrivateDirectory(options.dir);
            List<String> prefixes = repository.director ? List.of("director-root-") : List.of("root-", "targets-");
            try (var existing = Files.list(options.dir)) {
                if (existing.map(p -> p.getFileName().toString())
                        .anyMatch(n ->
                                n.endsWith(".key.json") && prefixes.stream().anyMatch(n::startsWith))) {
                    throw new IllegalArgumentException(options.dir + " already holds "
                            + repository.name().toLowerCase() + " keys; use keys sign-root to rotate");
                }
            }
            if (repository.director) {
                initDirector(api, passphrase);
                return 0;
            }
            Root current = currentRoot(api);
            List<OfflineKey> roots = root.generate();
            OfflineKey targets = OfflineKey.generate("targets");
            for (OfflineKey key : roots) {
                key.write(options.dir, passphrase, options.kdfIterations);
            }
            targets.write(options.dir, passphrase, options.kdfIterations);
            Map<String, TufKey> keys = new HashMap<>();
            Map<String, Root.RoleKeys> roles = new HashMap<>();
            roles.put(
                    "root", role(keys, roots.stream().map(OfflineKey::publicKey).toList(), root.rootThreshold));
            roles.put("targets", role(keys, List.of(targets.publicKey()), 1));
            onlineRoles(api, keys, roles);
            Root next = new Root(current.version() + 1, Instant.now().plus(Duration.ofDays(365)), true, keys, roles);
            uploadRoot(api, new RepositoryChoice(), options.dir, Envelope.sign(next.toSigned(), signers(roots)));
            System.out.printf(
                    "Root %d: %d-of-%d offline root keys, offline targets key %s, keys in %s%n",
                    next.version(),
                    root.rootThreshold,
                    root.rootKeys,
                    targets.publicKey().keyId(),
                    options.dir);
            signTargets(api, List.of(targets));
            return 0;
        }

        private void initDirector(RepositoryApi api, char[] passphrase) throws IOException {
            Root current = repository.currentRoot(api);
            List<OfflineKey> roots = root.generate(repository.rootKeyRole());
            for (OfflineKey key : roots) {
                key.write(options.dir, passphrase, options.kdfIterations);
            }
            Map<String, TufKey> keys = new HashMap<>();
            Map<String, Root.RoleKeys> roles = new HashMap<>();
            roles.put(
                    "root", role(keys, roots.stream().map(OfflineKey::publicKey).toList(), root.rootThreshold));
            repository.onlineRoles(api, keys, roles);
            Root next = new Root(current.version() + 1, Instant.now().plus(Duration.ofDays(365)), false, keys, roles);
            uploadRoot(api, repository, options.dir, Envelope.sign(next.toSigned(), signers(roots)));
            System.out.printf(
                    "Director root %d: %d-of-%d offline root keys in %s%n",
                    next.version(), root.rootThreshold, root.rootKeys, options.dir);
        }
    }

    @Command(
            name = "sign-targets",
            mixinStandardHelpOptions = true,
            description = "Signs the next targets version (the server's current target list) with the offline targets "
                    + "keys in DIR and uploads it.")
    static class SignTargets implements Callable<Integer> {

        @Mixin
        KeyToolOptions options;

        @Override
        public Integer call() throws IOException {
            RepositoryApi api = options.api();
            signTargets(api, OfflineKey.readAll(options.dir, "targets", options.passphrase()));
            return 0;
        }
    }

    @Command(
            name = "sign-root",
            mixinStandardHelpOptions = true,
            description = {
                "Rotates the root keys: generates new root keys in DIR, signs root N+1 with a threshold of the old root keys "
                        + "and of the new ones (also picking up the server's current online keys), uploads it and retires the old "
                        + "key files to DIR/retired.",
                "With --proposal: rotates the server's online keys instead: signs the root N+1 the server proposes (the same "
                        + "root keys, fresh online keys) with the root keys in DIR, after checking it changes nothing else.",
                "With --director: the same for the director repository's root."
            })
    static class SignRoot implements Callable<Integer> {

        @Mixin
        KeyToolOptions options;

        @Mixin
        RootKeyOptions root;

        @Mixin
        RepositoryChoice repository;

        @Option(names = "--proposal", description = "Sign the server's proposed root N+1 (online-key rotation).")
        boolean proposal;

        @Override
        public Integer call() throws IOException {
            root.check();
            RepositoryApi api = options.api();
            char[] passphrase = options.passphrase();
            Root current = repository.currentRoot(api);
            List<OfflineKey> old = OfflineKey.readAll(options.dir, repository.rootKeyRole(), passphrase).stream()
                    .filter(k ->
                            current.keysOf("root").containsKey(k.publicKey().keyId()))
                    .toList();
            if (proposal) {
                signProposal(api, current, old);
                return 0;
            }
            List<OfflineKey> fresh = root.generate(repository.rootKeyRole());
            Map<String, TufKey> keys = new HashMap<>();
            Map<String, Root.RoleKeys> roles = new HashMap<>();
            roles.put(
                    "root", role(keys, fresh.stream().map(OfflineKey::publicKey).toList(), root.rootThreshold));
            if (!repository.director) {
                Root.RoleKeys targets = current.roles().get("targets");
                targets.keyIds().forEach(id -> keys.put(id, current.keys().get(id)));
                roles.put("targets", targets);
            }
            repository.onlineRoles(api, keys, roles);
            Root next = new Root(
                    current.version() + 1,
                    Instant.now().plus(Duration.ofDays(365)),
                    repository.consistentSnapshot(),
                    keys,
                    roles);
            List<OfflineKey> all = new ArrayList<>(old);
            all.addAll(fresh);
            // The new keys are on disk before the root naming them is uploaded; the old ones retire afterwards.
            Path pending = options.dir.resolve("pending");
            createPrivateDirectory(pending);
            for (OfflineKey key : fresh) {
                key.write(pending, passphrase, options.kdfIterations);
            }
            uploadRoot(api, repository, options.dir, Envelope.sign(next.toSigned(), signers(all)));
            Path retired = options.dir.resolve("retired");
            createPrivateDirectory(retired);
            try (var files = Files.list(options.dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith(repository.rootKeyRole() + "-"))
                        .toList()) {
                    Files.move(p, retired.resolve(p.getFileName()));
                }
            }
            try (var files = Files.list(pending)) {
                for (Path p : files.toList()) {
                    Files.move(p, options.dir.resolve(p.getFileName()));
                }
            }
            Files.delete(pending);
            System.out.printf(
                    "%s %d: %d-of-%d new root keys, signed by %d old ones%n",
                    repository.name(), next.version(), root.rootThreshold, root.rootKeys, old.size());
            return 0;
        }

        /** Signs the server's proposal only if it is root N+1 changing nothing but the online keys. */
        private void signProposal(RepositoryApi api, Root current, List<OfflineKey> rootKeys) throws IOException {
            JsonNode draft = api.post(repository.proposalPath(), null);
            Root proposed = Root.fromSigned(draft);
            List<String> offlineRoles = repository.director ? List.of("root") : List.of("root", "targets");
            for (String role : offlineRoles) {
                if (!proposed.keysOf(role).equals(current.keysOf(role))
                        || proposed.roles().get(role).threshold()
                                != current.roles().get(role).threshold()) {
                    throw new IllegalArgumentException(
                            "the server's proposal changes the " + role + " role; refusing to sign it");
                }
            }
            if (proposed.version() != current.version() + 1
                    || proposed.consistentSnapshot() != repository.consistentSnapshot()) {
                throw new IllegalArgumentException("the server's proposal is not the next root (version "
                        + proposed.version() + ", in force " + current.version() + ")");
            }
            if (rootKeys.size() < current.roles().get("root").threshold()) {
                throw new IllegalArgumentException("the key directory holds " + rootKeys.size() + " of the "
                        + current.roles().get("root").threshold() + " root keys the root in force requires");
            }
            for (String role : repository.onlineRoles()) {
                System.out.printf(
                        "  %s: %s -> %s%n",
                        role,
                        current.roles().get(role).keyIds(),
                        proposed.roles().get(role).keyIds());
            }
            uploadRoot(api, repository, options.dir, Envelope.sign(draft, signers(rootKeys)));
            System.out.printf(
                    "%s %d: online keys rotated, signed by %d root keys%n",
                    repository.name(), proposed.version(), rootKeys.size());
        }
    }

    static Root currentRoot(RepositoryApi api) {
        long version = api.get("/api/v1/trust/repository")
                .path("versions")
                .path("root")
                .asLong();
        return Root.fromSigned(api.get("/repo/" + version + ".root.json").get("signed"));
    }

    private static void onlineRoles(RepositoryApi api, Map<String, TufKey> keys, Map<String, Root.RoleKeys> roles) {
        JsonNode online = api.get("/api/v1/trust/online-keys");
        for (String role : List.of("snapshot", "timestamp")) {
            roles.put(role, role(keys, List.of(TufKey.fromJson(online.get(role))), 1));
        }
    }

    private static Root.RoleKeys role(Map<String, TufKey> keys, List<TufKey> members, int threshold) {
        members.forEach(k -> keys.put(k.keyId(), k));
        return new Root.RoleKeys(members.stream().map(TufKey::keyId).toList(), threshold);
    }

    private static void uploadRoot(RepositoryApi api, RepositoryChoice repository, Path dir, Envelope root)
            throws IOException {
        long version = root.signed().get("version").asLong();
        String prefix = repository.director ? "director-" : "";
        Files.write(
                dir.resolve(prefix + version + ".root.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root.toJson()));
        api.post(repository.rootPath(), root.toJson());
    }

    static void signTargets(RepositoryApi api, List<OfflineKey> keys) {
        Root root = currentRoot(api);
        List<OfflineKey> trusted = keys.stream()
                .filter(k -> root.keysOf("targets").containsKey(k.publicKey().keyId()))
                .toList();
        if (trusted.size() < root.roles().get("targets").threshold()) {
            throw new IllegalArgumentException("the key directory holds " + trusted.size() + " of the "
                    + root.roles().get("targets").threshold() + " targets keys the root requires");
        }
        JsonNode unsigned = api.get("/api/v1/trust/repository/targets/unsigned");
        api.put(
                "/api/v1/trust/repository/targets",
                Envelope.sign(unsigned, signers(trusted)).toJson());
        System.out.printf(
                "Targets %d signed offline: %d targets%n",
                unsigned.get("version").asLong(), unsigned.get("targets").size());
    }

    private static Map<TufKey, PrivateKey> signers(List<OfflineKey> keys) {
        Map<TufKey, PrivateKey> signers = new LinkedHashMap<>();
        keys.forEach(k -> signers.put(k.publicKey(), k.privateKey()));
        return signers;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
