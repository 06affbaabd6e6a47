package io.pitwall.server.access.internal;

import io.pitwall.server.access.ApiToken;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.OperatorAccounts;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.persistence.ApiTokens;
import io.pitwall.server.access.persistence.Operators;
import io.pitwall.server.shared.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Turns HTTP Basic credentials or a bearer token into the acting operator, or a refusal code. */
@Component
class Authenticator {

    sealed interface Result permits Authenticated, Refused {}

    record Authenticated(CurrentOperator operator) implements Result {}

    record Refused(String code, String detail) implements Result {}

    private final Operators operators;
    private final ApiTokens tokens;
    private final PasswordEncoder passwords;
    private final Clock clock;
    // A real hash, at the configured cost, to compare against when the user does not exist, so timing does not
    // reveal usernames.
    private final String dummyHash;

    Authenticator(Operators operators, ApiTokens tokens, PasswordEncoder passwords, Clock clock) {
        this.operators = operators;
        this.tokens = tokens;
        this.passwords = passwords;
        this.clock = clock;
        this.dummyHash = passwords.encode(Secrets.newToken("absent-"));
    }

    Result basic(String username, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > OperatorAccounts.MAX_PASSWORD_BYTES) {
            // No stored password is longer; bcrypt would compare only the first 72 bytes of this one.
            return new Refused("bad-credentials", "Unknown operator or wrong password");
        }
        var found = operators.credentials(username);
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash);
            return new Refused("bad-credentials", "Unknown operator or wrong password");
        }
        var credentials = found.get();
        if (!passwords.matches(password, credentials.passwordHash())) {
            return new Refused("bad-credentials", "Unknown operator or wrong password");
        }
        var operator = credentials.operator();
        if (!operator.enabled()) {
            return new Refused("operator-disabled", "This operator account is disabled");
        }
        return new Authenticated(new CurrentOperator(
                operator.id(),
                operator.username(),
                operator.role(),
                operator.role().permissions(),
                null));
    }

    Result bearer(String secret) {
        var found = tokens.byHash(Secrets.sha256Hex(secret));
        if (found.isEmpty()) {
            return new Refused("invalid-token", "The API token is not known");
        }
        ApiToken token = found.get();
        if (token.revokedAt() != null) {
            return new Refused("token-revoked", "The API token was revoked");
        }
        if (!token.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            return new Refused("token-expired", "The API token has expired");
        }
        var operator = operators.byId(token.operatorId()).orElse(null);
        if (operator == null || !operator.enabled()) {
            return new Refused("operator-disabled", "The operator owning this token is disabled");
        }
        // A token never holds more than its operator's role holds today.
        Set<Permission> effective = EnumSet.noneOf(Permission.class);
        effective.addAll(token.permissions());
        effective.retainAll(operator.role().permissions());
        return new Authenticated(
                new CurrentOperator(operator.id(), operator.username(), operator.role(), effective, token.id()));
    }
}
