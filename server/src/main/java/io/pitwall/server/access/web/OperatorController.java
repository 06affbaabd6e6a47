package io.pitwall.server.access.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Operator;
import io.pitwall.server.access.OperatorAccounts;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.access.Role;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class OperatorController {

    record CreateOperatorRequest(
            @NotBlank @Schema(maxLength = OperatorAccounts.MAX_USERNAME)
            String username,

            @Size(max = OperatorAccounts.MAX_DISPLAY_NAME) String displayName,

            @NotBlank @Schema(maxLength = OperatorAccounts.MAX_PASSWORD_BYTES)
            String password,

            @NotBlank @Schema(maxLength = ROLE) String role) {}

    record ChangeOperatorRequest(
            @NotBlank @Schema(maxLength = ROLE) String role,
            @NotNull Boolean enabled,
            @NotNull Long version) {}

    /** Only for an operator signed in with their password (HTTP Basic), never with an API token. */
    record ChangePasswordRequest(
            @NotBlank @Size(max = OperatorAccounts.MAX_PASSWORD_BYTES)
            String currentPassword,

            @NotBlank @Schema(maxLength = OperatorAccounts.MAX_PASSWORD_BYTES)
            String newPassword) {}

    /** Longest role code accepted (the column's width); a code is checked against {@link Role}. */
    private static final int ROLE = 40;

    record OperatorResponse(
            long id,
            String username,
            String displayName,
            String role,
            boolean enabled,
            long version,
            OffsetDateTime createdAt) {

        static OperatorResponse of(Operator o) {
            return new OperatorResponse(
                    o.id(), o.username(), o.displayName(), o.role().code(), o.enabled(), o.version(), o.createdAt());
        }
    }

    record MeResponse(long id, String username, String role, Set<String> permissions, Long tokenId) {}

    private final OperatorAccounts accounts;

    OperatorController(OperatorAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/operators")
    @RequiresPermission(Permission.OPERATOR_ADMIN)
    List<OperatorResponse> list() {
        return accounts.all().stream().map(OperatorResponse::of).toList();
    }

    @PostMapping("/operators")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.OPERATOR_ADMIN)
    OperatorResponse create(@Valid @RequestBody CreateOperatorRequest request) {
        return OperatorResponse.of(
                accounts.create(request.username(), request.displayName(), request.password(), role(request.role())));
    }

    @PutMapping("/operators/{id}")
    @RequiresPermission(Permission.OPERATOR_ADMIN)
    OperatorResponse change(@PathVariable long id, @Valid @RequestBody ChangeOperatorRequest request) {
        return OperatorResponse.of(accounts.change(id, request.version(), role(request.role()), request.enabled()));
    }

    @GetMapping("/me")
    @RequiresPermission(Permission.SELF)
    MeResponse me() {
        CurrentOperator me = CurrentOperator.require();
        return new MeResponse(
                me.id(),
                me.username(),
                me.role().code(),
                me.permissions().stream()
                        .map(Permission::code)
                        .collect(Collectors.toCollection(java.util.TreeSet::new)),
                me.tokenId());
    }

    @PutMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.SELF)
    void changePassword(@Valid @RequestBody ChangePasswordRequest request) {
        accounts.changeOwnPassword(CurrentOperator.require(), request.currentPassword(), request.newPassword());
    }

    private static Role role(String code) {
        return Role.ofCode(code)
                .orElseThrow(() -> ApiException.unprocessable(
                        "unknown-role",
                        "No role named '" + code + "'; roles are "
                                + java.util.Arrays.stream(Role.values())
                                        .map(Role::code)
                                        .toList()));
    }
}
