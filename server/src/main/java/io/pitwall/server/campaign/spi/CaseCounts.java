package io.pitwall.server.campaign.spi;

import java.time.LocalDate;

/**
 * How many cases were opened for a campaign's vehicles on a UTC day: the slot a diagnostics/cases module
 * fills by providing a bean of this type. Without one, release notes report 0 with
 * {@link #NOT_PRESENT} as their source.
 */
public interface CaseCounts {

    String NOT_PRESENT = "cases module not present";

    /** Cases opened on {@code day} (UTC) for vehicles of the campaign. */
    long openedOn(long campaignId, LocalDate day);

    /** Where the count comes from, shown beside it in the release note. */
    String source();

    /** The stand-in used while no cases module provides the count. */
    CaseCounts NONE = new CaseCounts() {
        @Override
        public long openedOn(long campaignId, LocalDate day) {
            return 0;
        }

        @Override
        public String source() {
            return NOT_PRESENT;
        }
    };
}
