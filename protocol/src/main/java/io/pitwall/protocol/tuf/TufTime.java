package io.pitwall.protocol.tuf;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** TUF's expiry form: UTC, whole seconds, {@code YYYY-MM-DDTHH:MM:SSZ}. */
public final class TufTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private TufTime() {}

    /** The instant in TUF form, truncated to whole seconds. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @throws IllegalArgumentException when the text is not exactly {@code YYYY-MM-DDTHH:MM:SSZ} */
    public static Instant parse(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")) {
            throw new IllegalArgumentException("expiry is not YYYY-MM-DDTHH:MM:SSZ: " + text);
        }
        try {
            return Instant.from(FORMAT.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiry is not a valid date: " + text);
        }
    }
}
