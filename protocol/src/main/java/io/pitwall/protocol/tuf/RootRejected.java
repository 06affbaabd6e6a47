package io.pitwall.protocol.tuf;

/** Why a root metadata file is not accepted; {@link #code()} is a stable kebab-case reason. */
public final class RootRejected extends IllegalArgumentException {

    private final String code;

    public RootRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
