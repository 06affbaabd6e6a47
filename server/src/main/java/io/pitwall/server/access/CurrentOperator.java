package io.pitwall.server.access;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: the authenticated operator, the role they hold and the permissions in force for this
 * request (for an API token, the token's subset of the role).
 */
public record CurrentOperator(long id, String username, Role role, Set<Permission> permissions, Long tokenId) {

    public CurrentOperator {
        permissions = Set.copyOf(permissions);
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** The operator acting on this thread, if the request is authenticated. */
    public static Optional<CurrentOperator> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentOperator operator) {
            return Optional.of(operator);
        }
        return Optional.empty();
    }

    public static CurrentOperator require() {
        return get().orElseThrow(() -> new IllegalStateException("no authenticated operator"));
    }
}
