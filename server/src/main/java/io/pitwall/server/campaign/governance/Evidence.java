package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.ReadinessSheet;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * A test-evidence attachment (a hardware-in-the-loop report, a validation run): its metadata only, the
 * document itself stays where {@code url} points and {@code sha256} pins its content.
 */
public record Evidence(long id, String name, String sha256, String url, String addedBy, OffsetDateTime addedAt) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Checks an attachment to be added; refuses it ({@code invalid-readiness}) when malformed. */
    public static void check(String name, String sha256, String url) {
        if (name == null) {
            throw ReadinessSheet.invalid("an evidence attachment has a name");
        }
        ReadinessSheet.text(name, "name", 200);
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw ReadinessSheet.invalid("sha256 is 64 lower-case hex digits");
        }
        if (url == null || url.length() > 500 || !ReadinessSheet.isWebUrl(url)) {
            throw ReadinessSheet.invalid("url is an http or https URL of at most 500 characters");
        }
    }
}
