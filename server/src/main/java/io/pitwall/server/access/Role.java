package io.pitwall.server.access;

import static io.pitwall.server.access.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of Pitwall's users and the permissions each holds. This is the one declared
 * role × permission matrix: the endpoint authorization test derives every expected allow/deny from it.
 */
public enum Role {
    RELEASE_MANAGER(
            "release-manager",
            VEHICLE_READ,
            IMAGE_READ,
            IMAGE_UPLOAD,
            RELEASE_PUBLISH,
            CAMPAIGN_READ,
            CAMPAIGN_CREATE,
            DIAGNOSTICS_READ),
    APPROVER("approver", VEHICLE_READ, IMAGE_READ, CAMPAIGN_READ, CAMPAIGN_APPROVE, DIAGNOSTICS_READ),
    FLEET_OPERATOR(
            "fleet-operator",
            VEHICLE_READ,
            VEHICLE_WRITE,
            IMAGE_READ,
            CAMPAIGN_READ,
            CAMPAIGN_OPERATE,
            DIAGNOSTICS_READ,
            CASE_WORK),
    DIAGNOSTICS_ENGINEER(
            "diagnostics-engineer",
            VEHICLE_READ,
            IMAGE_READ,
            CAMPAIGN_READ,
            DIAGNOSTICS_READ,
            DIAGNOSTICS_COMMAND,
            CASE_WORK),
    SUPPORT_AGENT("support-agent", VEHICLE_READ, CAMPAIGN_READ, DIAGNOSTICS_READ, CASE_WORK, LOCATION_READ),
    SECURITY_OFFICER(
            "security-officer",
            VEHICLE_READ,
            VEHICLE_WRITE,
            IMAGE_READ,
            IMAGE_AUTHORIZE_ROLLBACK,
            CAMPAIGN_READ,
            EMERGENCY_STOP,
            KEYS_MANAGE,
            AUDIT_READ,
            PERSONAL_DATA),
    AUDITOR("auditor", VEHICLE_READ, IMAGE_READ, CAMPAIGN_READ, DIAGNOSTICS_READ, AUDIT_READ),
    VIEWER("viewer", VEHICLE_READ, IMAGE_READ, CAMPAIGN_READ, DIAGNOSTICS_READ),
    ADMIN("admin", Permission.values());

    private final String code;
    private final Set<Permission> permissions;

    Role(String code, Permission... permissions) {
        this.code = code;
        EnumSet<Permission> set = EnumSet.of(SELF);
        set.addAll(Arrays.asList(permissions));
        this.permissions = Set.copyOf(set);
    }

    public String code() {
        return code;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    public static Optional<Role> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
