package io.pitwall.server.diagnostics;

import java.util.Arrays;
import java.util.Optional;

/** What a classified fault means for the fleet, as a rule set says. Exchanged and stored by its code. */
public enum SeverityClass {
    INFORMATIONAL("informational", 4),
    CUSTOMER_VISIBLE("customer-visible", 3),
    SERVICE_NEEDED("service-needed", 2),
    SAFETY_SENSITIVE("safety-sensitive", 1),
    CAMPAIGN_RELATED("campaign-related", 2),
    ENGINEERING_INVESTIGATION("engineering-investigation", 3);

    private final String code;
    private final int priority;

    SeverityClass(String code, int priority) {
        this.code = code;
        this.priority = priority;
    }

    public String code() {
        return code;
    }

    /** The starting priority of a case of this class: 1 is the most urgent. */
    public int priority() {
        return priority;
    }

    public static Optional<SeverityClass> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
