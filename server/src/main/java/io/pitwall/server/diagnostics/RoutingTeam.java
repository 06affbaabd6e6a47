package io.pitwall.server.diagnostics;

import java.util.Arrays;
import java.util.Optional;

/** The team a classified fault (and its service case) is routed to. Exchanged and stored by its code. */
public enum RoutingTeam {
    SUPPORT("support"),
    MAINTENANCE("maintenance"),
    ENGINEERING("engineering"),
    WARRANTY("warranty"),
    PARTNER("partner"),
    RELEASE("release");

    private final String code;

    RoutingTeam(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RoutingTeam> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
