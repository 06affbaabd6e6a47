package io.pitwall.server.campaign.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lifecycle's state sets as the SQL lists the queries embed. */
class StatusListTests {

    @Test
    void rendersTheLifecycleSetsAsTheListsTheQueriesUsed() {
        assertThat(StatusList.of(AssignmentLifecycle.ACTIVE))
                .isEqualTo("('PENDING', 'DELIVERED', 'DOWNLOADING', 'DOWNLOADED', 'INSTALLING')");
        assertThat(StatusList.of(AssignmentLifecycle.CANCELLABLE))
                .isEqualTo("('PENDING', 'DELIVERED', 'DOWNLOADING', 'DOWNLOADED')");
        assertThat(StatusList.of(AssignmentLifecycle.RETRYABLE)).isEqualTo("('FAILED', 'TIMED_OUT')");
        assertThat(StatusList.of(AssignmentLifecycle.EXCEPTIONAL_ENDS))
                .isEqualTo("('FAILED', 'ROLLED_BACK', 'TIMED_OUT')");
        assertThat(StatusList.of(AssignmentLifecycle.NOT_BEGUN)).isEqualTo("('PENDING', 'DELIVERED', 'CANCELLED')");
    }

    @Test
    void refusesAnEmptyList() {
        assertThatThrownBy(() -> StatusList.of(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
