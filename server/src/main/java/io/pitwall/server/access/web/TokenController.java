package io.pitwall.server.access.web;

import io.pitwall.server.access.ApiToken;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.access.internal.ApiTokenIssuer;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

    /** {@code expiresIn} is an ISO-8601 duration such as {@code P30D} or {@code PT8H}. */
    record IssueTokenRequest(
            @NotBlank @Schema(maxLength = ApiTokenIssuer.MAX_NAME)
            String name,

            @NotEmpty @ArraySchema(schema = @Schema(maxLength = 40))
            Set<String> permissions,

            @NotBlank @Schema(maxLength = 40) String expiresIn) {}

    record TokenResponse(
            long id,
            String name,
            Set<String> permissions,
            OffsetDateTime expiresAt,
            OffsetDateTime revokedAt,
            OffsetDateTime createdAt) {

        static TokenResponse of(ApiToken t) {
            return new TokenResponse(
                    t.id(),
                    t.name(),
                    t.permissions().stream().map(Permission::code).collect(Collectors.toCollection(TreeSet::new)),
                    t.expiresAt(),
                    t.revokedAt(),
                    t.createdAt());
        }
    }

    /** The only answer that ever contains the token's secret. */
    record IssuedTokenResponse(TokenResponse token, String secret) {}

    private final ApiTokenIssuer issuer;

    TokenController(ApiTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.SELF)
    IssuedTokenResponse issue(@Valid @RequestBody IssueTokenRequest request) {
        Duration lifetime;
        try {
            lifetime = Duration.parse(request.expiresIn());
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable(
                    "invalid-token-lifetime", "expiresIn is an ISO-8601 duration such as P30D or PT8H");
        }
        var issued = issuer.issue(CurrentOperator.require(), request.name(), request.permissions(), lifetime);
        return new IssuedTokenResponse(TokenResponse.of(issued.token()), issued.secret());
    }

    @GetMapping
    @RequiresPermission(Permission.SELF)
    List<TokenResponse> mine() {
        return issuer.of(CurrentOperator.require()).stream()
                .map(TokenResponse::of)
                .toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.SELF)
    void revoke(@PathVariable long id) {
        issuer.revoke(CurrentOperator.require(), id);
    }
}
