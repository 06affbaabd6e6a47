package io.pitwall.agent.uptane;

/**
 * Why metadata or an image was refused. {@link #code()} is stable kebab-case text, reported to the server like
 * the agent's other failure codes; the message says what exactly was wrong.
 */
public final class UptaneRejected extends RuntimeException {

    /** The stable reasons; the comment names the attack each one typically reveals. */
    public enum Reason {
        /** No valid signature by any key of the role (arbitrary software, forged metadata). */
        BAD_SIGNATURE("bad-signature"),
        /** Some valid signatures, but fewer distinct keys than the threshold (key compromise below threshold). */
        THRESHOLD("threshold"),
        /** A version lower than the trusted one, or a file the trusted snapshot listed went missing. */
        ROLLBACK("rollback"),
        /** Newly fetched metadata is already expired at the trusted time. */
        EXPIRED("expired"),
        /** Nothing newer was served and the trusted metadata has expired: someone is holding updates back. */
        FREEZE("freeze"),
        /** A file was longer than its limit or its listed length (endless data). */
        TOO_LARGE("too-large"),
        /** A download did not finish within its deadline. */
        SLOW_RETRIEVAL("slow-retrieval"),
        /** The repository could not be reached or answered with an error. */
        UNREACHABLE("unreachable"),
        /** A file that must exist (timestamp, snapshot, targets, delegated role) answered 404. */
        MISSING("missing"),
        /** A file's version differs from the version the metadata above it names (mix-and-match). */
        MIX_AND_MATCH("mix-and-match"),
        /** A file's bytes do not match the hashes the metadata above it lists (tampering). */
        HASH_MISMATCH("hash-mismatch"),
        /** An image is not exactly the listed length, or director and image repository disagree on it. */
        LENGTH_MISMATCH("length-mismatch"),
        /** Not parseable, wrong {@code _type}, spec major version other than 1, or a required field missing. */
        MALFORMED("malformed"),
        /** A root {@code N+1.root.json} whose version is not N+1. */
        ROOT_VERSION("root-version"),
        /** A key listed under a keyid that is not the SHA-256 of the key object. */
        KEYID_MISMATCH("keyid-mismatch"),
        /** No trusted root was provisioned for the repository. */
        NO_TRUSTED_ROOT("no-trusted-root"),
        /** Director targets name no vehicle or another vehicle (director replay). */
        WRONG_VEHICLE("wrong-vehicle"),
        /** The director's targets role delegates, which Uptane forbids. */
        DIRECTOR_DELEGATES("director-delegates"),
        /** The director lists one ECU twice, or an ECU this vehicle does not have. */
        ECU_MISMATCH("ecu-mismatch"),
        /** The director names an image the image repository does not list for that path (arbitrary software). */
        NOT_IN_IMAGE_REPOSITORY("not-in-image-repository"),
        /** Director, image repository and ECU disagree on the hardware id. */
        HARDWARE_MISMATCH("hardware-mismatch"),
        /** Director and image repository disagree on the release counter. */
        RELEASE_COUNTER_MISMATCH("release-counter-mismatch"),
        /** The image's release counter is below the ECU's current one (downgrade). */
        RELEASE_COUNTER_LOWER("release-counter-lower"),
        /** A target or role name with {@code ..}, a leading or doubled {@code /}, a backslash or control characters. */
        BAD_PATH("bad-path"),
        /** More delegated roles than the search limit. */
        DELEGATION_LIMIT("delegation-limit");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public UptaneRejected(Reason reason, String message) {
        super(reason.code() + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The stable code, e.g. {@code rollback}. */
    public String code() {
        return reason.code();
    }
}
