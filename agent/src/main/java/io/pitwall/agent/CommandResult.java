package io.pitwall.agent;

/** The answer to a command: a stable code (OK, FAILED, UNSUPPORTED, EXPIRED, …) and free text. */
public record CommandResult(String code, String detail) {

    public static CommandResult ok(String detail) {
        return new CommandResult("OK", detail);
    }

    public static CommandResult failed(String detail) {
        return new CommandResult("FAILED", detail);
    }

    public static CommandResult unsupported() {
        return new CommandResult("UNSUPPORTED", null);
    }

    static CommandResult expired() {
        return new CommandResult("EXPIRED", null);
    }
}
