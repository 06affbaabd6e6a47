package io.pitwall.server.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm client tuf-js, run by {@code src/test/tuf-js/check.js} against a test server (usage in that file). Needs
 * node and npm: {@link #install()} answers why it cannot run, unless {@code PITWALL_TEST_NODE_REQUIRED=true} (CI),
 * then their absence fails the test. Installed once per JVM.
 */
final class TufJs {

    static final Path WORK = Path.of("target/tuf-js");
    private static final Path SOURCES = Path.of("src/test/tuf-js");
    private static boolean installed;
    private static String unavailable;

    /** What {@code check.js} printed and its exit code (0 verified, 1 refused). */
    record Result(int exit, String output) {}

    private TufJs() {}

    /** Installs tuf-js into {@link #WORK} (npm ci) once; answers why it cannot run here, or null. */
    static synchronized String install() throws Exception {
        if (installed) {
            return unavailable;
        }
        boolean required = "true".equalsIgnoreCase(System.getenv("PITWALL_TEST_NODE_REQUIRED"));
        String missing = run(Path.of("."), 30, "node", "--version").exit() != 0
                ? "node"
                : run(Path.of("."), 30, "npm", "--version").exit() != 0 ? "npm" : null;
        if (missing != null) {
            if (required) {
                fail(missing + " is not installed, and PITWALL_TEST_NODE_REQUIRED=true");
            }
            unavailable = "Skipping the tuf-js check: " + missing + " is not installed (install nodejs >= 20 and npm; "
                    + "PITWALL_TEST_NODE_REQUIRED=true makes this a failure)";
            System.err.println(unavailable);
        } else {
            Files.createDirectories(WORK);
            for (String file : List.of("package.json", "package-lock.json", "check.js")) {
                Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            var result = run(WORK, 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            assertThat(result.exit()).as("npm ci: " + result.output()).isZero();
        }
        installed = true;
        return unavailable;
    }

    /** {@code node check.js http://127.0.0.1:PORT ROOT WORK_DIR TARGET MODE [MORE...]} in {@link #WORK}. */
    static Result check(int port, Path root, String targetPath, String mode, Path work, String... more)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "node",
                "check.js",
                "http://127.0.0.1:" + port,
                root.toAbsolutePath().toString(),
                work.toAbsolutePath().toString(),
                targetPath,
                mode));
        command.addAll(List.of(more));
        return run(WORK, 120, command.toArray(String[]::new));
    }

    static Result run(Path dir, int timeoutSeconds, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-2, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    }
}
