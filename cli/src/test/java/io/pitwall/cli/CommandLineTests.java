package io.pitwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad flags of {@code sim}, {@code demo} and {@code server} are refused with a clear reason and exit code 2, touching
 * nothing.
 */
class CommandLineTests {

    @TempDir
    Path dir;

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        CommandLine commandLine = Pitwall.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void simNeedsAServerCredentialsAndOneSourceOfFaults() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"faults\": {\"networkDropRat\": 0.1}}");
        String server = "http://127.0.0.1:9";

        assertRefused(run("sim", "--token", "t"), "Missing required option: '--server=URL'");
        assertRefused(run("sim", "--server", "ftp://example.com", "--token", "t"), "--server must be an http");
        assertRefused(run("sim", "--server", server), "give --token T, or --user U with --password P");
        assertRefused(
                run("sim", "--server", server, "--user", "admin"), "give --token T, or --user U with --password P");
        assertRefused(
                run("sim", "--server", server, "--token", "t", "--user", "u", "--password", "p"),
                "either --token or --user");
        assertRefused(
                run("sim", "--server", server, "--token", "t", "--profile", "stormy"),
                "unknown profile 'stormy'; profiles are clean, flaky-network, harsh, demo");
        assertRefused(
                run("sim", "--server", server, "--token", "t", "--profile", "clean", "--scenario", typo.toString()),
                "either --profile or --scenario");
        assertRefused(run("sim", "--server", server, "--token", "t", "--scenario", typo.toString()), "networkDropRat");
        assertRefused(
                run(
                        "sim",
                        "--server",
                        server,
                        "--token",
                        "t",
                        "--scenario",
                        dir.resolve("none.json").toString()),
                "cannot read the scenario file");
        assertRefused(run("sim", "--server", server, "--token", "t", "--vehicles", "0"), "--vehicles must be between");
        assertRefused(run("sim", "--server", server, "--token", "t", "--duration", "5x"), "'5x' is not a duration");
        assertRefused(run("sim", "--server", server, "--token", "t", "--vehicles", "many"), "'many' is not an int");
    }

    @Test
    void keysRefusesMissingCredentialsAndBadThresholdsBeforeTouchingAnything() {
        Path keys = dir.resolve("keys");
        String server = "http://127.0.0.1:9";

        assertRefused(run("keys", "init", "--dir", keys.toString()), "Missing required option: '--server=URL'");
        assertRefused(
                run(
                        "keys",
                        "init",
                        "--dir",
                        keys.toString(),
                        "--server",
                        server,
                        "--token",
                        "t",
                        "--root-keys",
                        "2",
                        "--root-threshold",
                        "3"),
                "need 1 <= --root-threshold <= --root-keys");
        assertRefused(
                run("keys", "sign-targets", "--dir", keys.toString(), "--server", "ftp://x", "--token", "t"),
                "--server must be an http");
        assertThat(Files.exists(keys)).isFalse();
    }

    @Test
    void demoRefusesBadFlagsAndNeverWipesADirectoryItDidNotCreate() throws IOException {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("notes.txt"), "keep me");

        assertRefused(run("demo", "--vehicles", "0"), "--vehicles must be between 1 and 100,000");
        assertRefused(run("demo", "--port", "70000"), "--port must be between 1 and 65535");
        assertRefused(run("demo", "--timeout", "0s"), "a duration must be positive");
        assertRefused(run("demo", "--frobnicate"), "Unknown option: '--frobnicate'");
        assertRefused(
                run("demo", "--data-dir", precious.toString()), "was not created by the demo; refusing to wipe it");
        assertThat(precious.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void serverPassesItsRequestTimeoutsAndBodyWaitLimitOnAndRefusesBadOnes() {
        var given = serverCommand(
                "server", "--header-timeout", "15s", "--body-read-timeout", "30s", "--max-body-waits", "32");

        assertThat(given.serverArguments())
                .contains(
                        "--server.tomcat.connection-timeout=15000ms",
                        "--pitwall.http.body-read-timeout=30000ms",
                        "--pitwall.http.max-body-waits=32");
        assertThat(serverCommand("server").serverArguments())
                .as("defaults stay the server's")
                .noneMatch(argument -> argument.contains("timeout") || argument.contains("body-waits"));
        assertRefused(run("server", "--max-body-waits", "-1"), "--max-body-waits must not be negative");
        assertRefused(run("server", "--body-read-timeout", "0s"), "a duration must be positive");
        assertRefused(run("server", "--header-timeout", "soon"), "'soon' is not a duration");
    }

    private static ServerCommand serverCommand(String... args) {
        return (ServerCommand)
                Pitwall.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static void assertRefused(Run run, String reason) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(reason);
    }
}
