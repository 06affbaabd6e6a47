package io.pitwall.server.access;

import io.pitwall.server.access.persistence.ApiTokens;
import io.pitwall.server.access.persistence.Operators;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes operator accounts. A password is changed only by its operator signed in with it
 * (never with an API token, whatever the token carries) and only with the current password. Changing it,
 * or disabling the operator, revokes every API token they hold, for good.
 */
@Service
public class OperatorAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    public static final int MAX_USERNAME = 64;
    public static final int MAX_DISPLAY_NAME = 200;
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads 72 bytes: Spring's encoder refuses a longer password, and a longer one would be cut anyway. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final Operators operators;
    private final ApiTokens tokens;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OperatorAccounts(
            Operators operators,
            ApiTokens tokens,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            Clock clock) {
        this.operators = operators;
        this.tokens = tokens;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Operator create(String username, String displayName, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.unprocessable(
                    "invalid-username",
                    "A username is 2-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        checkPassword(password);
        if (operators.exists(username)) {
            throw ApiException.conflict("operator-exists", "An operator named '" + username + "' already exists");
        }
        long id = operators.insert(
                username,
                displayName == null || displayName.isBlank() ? username : displayName,
                passwords.encode(password),
                role,
                OffsetDateTime.now(clock));
        events.publishEvent(Audited.succeeded("operator.create", "operator:" + username, Map.of("role", role.code())));
        return operators.byId(id).orElseThrow();
    }

    @Transactional
    public Operator change(long id, long version, Role role, boolean enabled) {
        var operator = operators
                .byId(id)
                .orElseThrow(() -> ApiException.notFound("operator-not-found", "No operator with id " + id));
        operators.update(id, version, role, enabled);
        int revoked = enabled ? 0 : revokeTokens(id, "operator-disabled");
        events.publishEvent(Audited.succeeded(
                "operator.change",
                "operator:" + operator.username(),
                Map.of("role", role.code(), "enabled", enabled, "tokensRevoked", revoked)));
        return operators.byId(id).orElseThrow();
    }

    /**
     * Changes the signed-in operator's own password. Refused (403) to an API token, so a token can never
     * turn into its operator's password and with it the whole role, and refused (403) without the right
     * current password; each refusal is audited by the web layer and changes nothing.
     */
    @Transactional
    public void changeOwnPassword(CurrentOperator who, String currentPassword, String newPassword) {
        if (who.tokenId() != null) {
            throw new ApiException(
                    403,
                    "password-login-required",
                    "A password is changed by its operator signed in with that password, not with an API token");
        }
        var credentials = operators
                .credentials(who.id())
                .orElseThrow(() -> ApiException.notFound("operator-not-found", "No operator with id " + who.id()));
        if (currentPassword == null || !passwords.matches(currentPassword, credentials.passwordHash())) {
            throw new ApiException(403, "wrong-current-password", "The current password is not right");
        }
        checkPassword(newPassword);
        operators.changePassword(who.id(), passwords.encode(newPassword));
        int revoked = revokeTokens(who.id(), "password-changed");
        events.publishEvent(
                Audited.succeeded("operator.password", "operator:" + who.username(), Map.of("tokensRevoked", revoked)));
    }

    @Transactional(readOnly = true)
    public List<Operator> all() {
        return operators.all();
    }

    /** Revokes the operator's live tokens, one audit entry each; runs after the operator row was updated (locked). */
    private int revokeTokens(long operatorId, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int revoked = 0;
        for (long tokenId : tokens.liveIdsOf(operatorId, now)) {
            if (tokens.revoke(tokenId, now)) {
                revoked++;
                events.publishEvent(Audited.succeeded("token.revoke", "token:" + tokenId, Map.of("reason", reason)));
            }
        }
        return revoked;
    }

    private static void checkPassword(String password) {
        if (password == null
                || password.length() < MIN_PASSWORD_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.unprocessable(
                    "weak-password",
                    "A password has at least " + MIN_PASSWORD_LENGTH + " characters and at most " + MAX_PASSWORD_BYTES
                            + " bytes in UTF-8");
        }
    }
}
