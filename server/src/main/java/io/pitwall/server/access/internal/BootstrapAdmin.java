package io.pitwall.server.access.internal;

import io.pitwall.server.access.OperatorAccounts;
import io.pitwall.server.access.Role;
import io.pitwall.server.access.persistence.Operators;
import io.pitwall.server.shared.Secrets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start (no operators yet) creates the {@code admin} account. Its password is
 * {@code PITWALL_ADMIN_PASSWORD} when set; otherwise a generated one, printed once to the console and
 * never written to the log.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    static final String USERNAME = "admin";

    private final Operators operators;
    private final PasswordEncoder passwords;
    private final AccessSettings settings;
    private final Clock clock;
    private final PrintStream console;

    BootstrapAdmin(Operators operators, PasswordEncoder passwords, AccessSettings settings, Clock clock) {
        this.operators = operators;
        this.passwords = passwords;
        this.settings = settings;
        this.clock = clock;
        this.console = System.out;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (operators.count() > 0) {
            return;
        }
        boolean given =
                settings.adminPassword() != null && !settings.adminPassword().isBlank();
        if (given
                && settings.adminPassword().getBytes(StandardCharsets.UTF_8).length
                        > OperatorAccounts.MAX_PASSWORD_BYTES) {
            throw new IllegalStateException("PITWALL_ADMIN_PASSWORD is longer than "
                    + OperatorAccounts.MAX_PASSWORD_BYTES + " bytes (UTF-8), more than a password can be");
        }
        String password =
                given ? settings.adminPassword() : Secrets.newToken("").substring(0, 24);
        operators.insert(
                USERNAME, "Bootstrap administrator", passwords.encode(password), Role.ADMIN, OffsetDateTime.now(clock));
        if (given) {
            log.info("Created the bootstrap operator '{}' with the password from PITWALL_ADMIN_PASSWORD", USERNAME);
        } else {
            log.info(
                    "Created the bootstrap operator '{}'; its generated password was printed once to the console",
                    USERNAME);
            console.println();
            console.println("  Bootstrap operator created. This password is shown only once:");
            console.println("    username: " + USERNAME);
            console.println("    password: " + password);
            console.println();
        }
    }
}
