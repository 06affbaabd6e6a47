package io.pitwall.server.access.internal;

import io.pitwall.server.access.ApiToken;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.persistence.ApiTokens;
import io.pitwall.server.access.persistence.Operators;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, lists and revokes API tokens: a subset of one operator's permissions, with an expiry. */
@Service
public class ApiTokenIssuer {

    /** A token just issued: its secret is in this answer and nowhere else, ever. */
    public record Issued(ApiToken token, String secret) {}

    public static final int MAX_NAME = 100;
    private final ApiTokens tokens;
    private final Operators operators;
    private final AccessSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokenIssuer(
            ApiTokens tokens,
            Operators operators,
            AccessSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tokens = tokens;
        this.operators = operators;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Issued issue(CurrentOperator who, String name, Set<String> permissionCodes, Duration lifetime) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.unprocessable("invalid-token-name", "A token name has 1 to " + MAX_NAME + " characters");
        }
        if (lifetime == null
                || lifetime.isNegative()
                || lifetime.isZero()
                || lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
            throw ApiException.unprocessable(
                    "invalid-token-lifetime", "A token lives between 1 second and " + settings.maxTokenLifetime());
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : permissionCodes == null ? Set.<String>of() : permissionCodes) {
            Permission permission = Permission.ofCode(code)
                    .orElseThrow(() ->
                            ApiException.unprocessable("unknown-permission", "No permission named '" + code + "'"));
            if (!who.has(permission)) {
                throw ApiException.unprocessable(
                        "permission-not-held",
                        "A token can only carry permissions its issuer holds now; '" + code + "' is not held");
            }
            permissions.add(permission);
        }
        if (permissions.isEmpty()) {
            throw ApiException.unprocessable("invalid-token-permissions", "A token carries at least one permission");
        }
        if (!operators.lockEnabled(who.id())) {
            throw new ApiException(403, "operator-disabled", "This operator account is disabled");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String secret = Secrets.newToken("pwt_");
        long id = tokens.insert(who.id(), name, Secrets.sha256Hex(secret), permissions, now.plus(lifetime), now);
        events.publishEvent(Audited.succeeded(
                "token.issue",
                "token:" + id,
                Map.of(
                        "name",
                        name,
                        "permissions",
                        permissions.stream().map(Permission::code).sorted().collect(Collectors.joining(",")),
                        "expiresAt",
                        now.plus(lifetime).toString())));
        return new Issued(tokens.byId(id).orElseThrow(), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> of(CurrentOperator who) {
        return tokens.ofOperator(who.id());
    }

    /** Revokes one of the operator's own tokens, or any token for an operator administrator. */
    @Transactional
    public void revoke(CurrentOperator who, long tokenId) {
        ApiToken token = tokens.byId(tokenId)
                .filter(t -> t.operatorId() == who.id() || who.has(Permission.OPERATOR_ADMIN))
                .orElseThrow(() -> ApiException.notFound("token-not-found", "No token " + tokenId + " of yours"));
        if (!tokens.revoke(token.id(), OffsetDateTime.now(clock))) {
            throw ApiException.conflict("token-already-revoked", "Token " + tokenId + " was already revoked");
        }
        events.publishEvent(Audited.succeeded("token.revoke", "token:" + tokenId, Map.of()));
    }
}
