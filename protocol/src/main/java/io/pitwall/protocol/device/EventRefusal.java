package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The server's verdict on one event of a batch that it will never store, whatever the vehicle does: resending
 * it cannot help. The vehicle sets the event aside (it is not resent) and goes on with the others; the
 * acknowledgement counts the refused seq as received, so it never holds back later events.
 *
 * @param code   stable reason: {@value #UNKNOWN_TYPE} (a type this server does not know) or {@value #INVALID}
 *               (a field it cannot store: too long, control characters, a time outside the years 1-9999, a
 *               missing or unreadable required field)
 * @param detail what was wrong, for people
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventRefusal(long seq, String code, String detail) {

    public static final String UNKNOWN_TYPE = "unknown-event-type";
    public static final String INVALID = "invalid-event";

    public EventRefusal {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        Require.text(code, "code");
        detail = detail == null ? "" : detail;
    }
}
