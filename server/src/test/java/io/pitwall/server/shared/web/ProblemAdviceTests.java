package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemAdviceTests {

    private final List<Object> published = new ArrayList<>();
    private final ProblemAdvice advice = new ProblemAdvice(published::add);

    @Test
    void aLockNotGrantedInTimeIsARetryable503NotAnInternalError() {
        for (DataAccessException e : List.of(
                new CannotAcquireLockException("deadlock"),
                new QueryTimeoutException("Timeout trying to lock table"))) {
            var answer = advice.busy(e, new MockHttpServletRequest("POST", "/device/v1/vehicles/X/events"));
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "busy");
        }
    }
}
