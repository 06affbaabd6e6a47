package io.pitwall.server.campaign;

import io.pitwall.server.campaign.governance.Readiness;
import io.pitwall.server.shared.ApiException;
import java.net.URI;
import java.util.List;

/**
 * What a release manager fills in before submitting a campaign; every field may still be missing
 * ({@code null}), which {@link Readiness} reports as unmet. Values present are checked here: a malformed
 * one is refused ({@code invalid-readiness}) rather than stored.
 */
public record ReadinessSheet(
        Long rollbackReleaseId,
        Owners owners,
        String runbookUrl,
        List<String> incidentContacts,
        String customerCommunication) {

    /** Who owns each part of the release; names or usernames, free text. */
    public record Owners(
            String approval, String validation, String monitoring, String support, String rollback, String review) {

        public static final Owners NONE = new Owners(null, null, null, null, null, null);

        public Owners {
            for (String owner : new String[] {approval, validation, monitoring, support, rollback, review}) {
                text(owner, "owners", 100);
            }
        }
    }

    public static final ReadinessSheet EMPTY = new ReadinessSheet(null, Owners.NONE, null, List.of(), null);

    public ReadinessSheet {
        owners = owners == null ? Owners.NONE : owners;
        incidentContacts = incidentContacts == null ? List.of() : List.copyOf(incidentContacts);
        if (rollbackReleaseId != null && rollbackReleaseId < 1) {
            throw invalid("rollbackReleaseId is a release id");
        }
        if (runbookUrl != null) {
            text(runbookUrl, "runbookUrl", 500);
            if (!isWebUrl(runbookUrl)) {
                throw invalid("runbookUrl is an http or https URL");
            }
        }
        if (incidentContacts.size() > 10) {
            throw invalid("at most 10 incidentContacts");
        }
        for (String contact : incidentContacts) {
            text(contact, "incidentContacts", 180);
            if (contact == null || contact.contains("\n")) {
                throw invalid("an incident contact is one line");
            }
        }
        text(customerCommunication, "customerCommunication", 10_000);
    }

    /** Whether the text is an absolute http(s) URL with a host. */
    public static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    public static void text(String value, String field, int max) {
        if (value != null
                && (value.isBlank() || value.length() > max || value.chars().anyMatch(c -> c < 0x20 && c != '\n'))) {
            throw invalid(field + " has 1 to " + max + " characters (no control characters)");
        }
    }

    public static ApiException invalid(String detail) {
        return ApiException.unprocessable("invalid-readiness", detail);
    }
}
