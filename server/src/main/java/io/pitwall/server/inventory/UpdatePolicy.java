package io.pitwall.server.inventory;

/** Whether an ECU may be updated over the air or only in a workshop. Stored and exchanged by its name. */
public enum UpdatePolicy {
    REMOTE,
    SERVICE_ONLY;

    /** The policy with this exact name; anything else is refused with {@code unknown-update-policy}. */
    public static UpdatePolicy parse(String name) {
        Fields.text(name, "ecus.updatePolicy", 20);
        for (UpdatePolicy policy : values()) {
            if (policy.name().equals(name)) {
                return policy;
            }
        }
        throw Fields.invalid(
                "unknown-update-policy",
                "ecus.updatePolicy",
                "'" + name + "' is not an update policy; policies are REMOTE and SERVICE_ONLY");
    }
}
