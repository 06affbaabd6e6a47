package io.pitwall.server.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and removes the VSS signals of given classes ({@link DataCatalogue#SIGNALS}) in stored JSON text, such as
 * a DTC report's vehicle state or a raw OEM payload. Works on the text, so a payload that is not JSON as a whole
 * (a raw event detail) is handled too and everything else in it stays byte for byte. Idempotent: redacted text
 * holds no such signal, so a repeated purge changes nothing.
 */
public final class SignalRedaction {

    private static final String VALUE = "(-?[0-9][0-9.eE+-]*|null|true|false|\"(?:[^\"\\\\]|\\\\.)*\")";
    private final Pattern pair;
    private final Pattern afterComma;
    private final Pattern beforeComma;

    /** Redaction of the signals of these classes. */
    public SignalRedaction(Set<DataClass> classes) {
        StringBuilder names = new StringBuilder();
        DataCatalogue.SIGNALS.forEach((signal, dataClass) -> {
            if (classes.contains(dataClass)) {
                names.append(names.isEmpty() ? "" : "|")
                        .append(Pattern.quote(signal))
                        .append(signal.endsWith(".") ? "[A-Za-z0-9_.]+" : "");
            }
        });
        String key = "\"(" + (names.isEmpty() ? "(?!)" : names) + ")\"\\s*:\\s*" + VALUE;
        this.pair = Pattern.compile(key);
        this.afterComma = Pattern.compile(",\\s*" + key);
        this.beforeComma = Pattern.compile(key + "\\s*,?\\s*");
    }

    /** The SQL {@code LIKE} patterns that find candidate rows (a superset; {@link #has} decides). */
    public static String likePattern(DataClass dataClass) {
        return DataCatalogue.SIGNALS.entrySet().stream()
                .filter(e -> e.getValue() == dataClass)
                .map(e -> "%\"" + e.getKey() + "%")
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no signals of class " + dataClass));
    }

    public boolean has(String text) {
        return text != null && pair.matcher(text).find();
    }

    /** The text without the signals; {@code null} stays {@code null}. */
    public String strip(String text) {
        if (!has(text)) {
            return text;
        }
        String once = afterComma.matcher(text).replaceAll("");
        return beforeComma.matcher(once).replaceAll("");
    }

    /** The signals found, by name, with their JSON values as text. */
    public Map<String, String> extract(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        if (text != null) {
            Matcher matcher = pair.matcher(text);
            while (matcher.find()) {
                found.put(matcher.group(1), matcher.group(2));
            }
        }
        return found;
    }
}
