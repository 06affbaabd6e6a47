package io.pitwall.server.access;

import io.pitwall.server.access.persistence.Operators;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes operator accounts. */
@Service
public class OperatorAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final Operators operators;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OperatorAccounts(Operators operators, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
        this.operators = operators;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Operator create(String username, String displayName, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.unprocessable("invalid-username",
                    "A username is 2-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        checkPassword(password);
        if (operators.exists(username)) {
            throw ApiException.conflict("operator-exists", "An operator named '" + username + "' already exists");
        }
        long id = operators.insert(username, displayName == null || displayName.isBlank() ? username : displayName,
                passwords.encode(password), role, OffsetDateTime.now(clock));
        events.publishEvent(Audited.succeeded("operator.create", "operator:" + username, Map.of("role", role.code())));
        return operators.byId(id).orElseThrow();
    }

    @Transactional
    public Operator change(long id, long version, Role role, boolean enabled) {
        var operator = operators.byId(id)
                .orElseThrow(() -> ApiException.notFound("operator-not-found", "No operator with id " + id));
        operators.update(id, version, role, enabled);
        events.publishEvent(Audited.succeeded("operator.change", "operator:" + operator.username(),
                Map.of("role", role.code(), "enabled", enabled)));
        return operators.byId(id).orElseThrow();
    }

    @Transactional
    public void changeOwnPassword(CurrentOperator who, String newPassword) {
        checkPassword(newPassword);
        operators.changePassword(who.id(), passwords.encode(newPassword));
        events.publishEvent(Audited.succeeded("operator.password", "operator:" + who.username(), Map.of()));
    }

    @Transactional(readOnly = true)
    public List<Operator> all() {
        return operators.all();
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            throw ApiException.unprocessable("weak-password",
                    "A password has between " + MIN_PASSWORD_LENGTH + " and 200 characters");
        }
    }
}
