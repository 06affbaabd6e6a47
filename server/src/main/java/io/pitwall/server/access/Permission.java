package io.pitwall.server.access;

import java.util.Arrays;
import java.util.Optional;

/** A named right on the management API. The code is what API tokens and the audit trail store. */
public enum Permission {
    VEHICLE_READ("vehicle:read"),
    VEHICLE_WRITE("vehicle:write"),
    IMAGE_UPLOAD("image:upload"),
    IMAGE_READ("image:read"),
    IMAGE_AUTHORIZE_ROLLBACK("image:authorize-rollback"),
    RELEASE_PUBLISH("release:publish"),
    CAMPAIGN_READ("campaign:read"),
    CAMPAIGN_CREATE("campaign:create"),
    CAMPAIGN_APPROVE("campaign:approve"),
    CAMPAIGN_OPERATE("campaign:operate"),
    EMERGENCY_STOP("campaign:emergency-stop"),
    DIAGNOSTICS_READ("diagnostics:read"),
    DIAGNOSTICS_COMMAND("diagnostics:command"),
    /** See vehicle positions (location signals in vehicle state); everyone else gets answers without them. */
    LOCATION_READ("location:read"),
    /** Export and erase one vehicle's personal data (data-subject requests). */
    PERSONAL_DATA("personal-data:manage"),
    CASE_WORK("case:work"),
    KEYS_MANAGE("keys:manage"),
    AUDIT_READ("audit:read"),
    OPERATOR_ADMIN("operator:admin"),
    /** Read the actuator's metrics (Prometheus scrape) and info; health stays open. */
    METRICS_READ("metrics:read"),
    /** Manage one's own account: see oneself, issue and revoke one's own API tokens. */
    SELF("self:manage");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Permission> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
