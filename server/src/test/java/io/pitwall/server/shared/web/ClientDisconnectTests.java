package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

@ExtendWith(OutputCaptureExtension.class)
class ClientDisconnectTests {

    private final ProblemAdvice advice = new ProblemAdvice(event -> {});

    @Test
    void aClientThatHungUpMidAnswerGetsNoAnswerAndIsNoErrorReport(CapturedOutput output) {
        // What a vehicle causes when it reads the chunk of an artifact it wants and closes the connection.
        var hungUp = new AsyncRequestNotUsableException(
                "ServletOutputStream failed to write: java.io.IOException: Broken pipe",
                new IOException("Broken pipe"));
        var request =
                new MockHttpServletRequest("GET", "/device/v1/vehicles/WPWFLEET000000001/artifacts/" + "a".repeat(64));

        assertThat(advice.unexpected(hungUp, request)).isNull();
        assertThat(output).doesNotContain("Unexpected error");
    }

    @Test
    void anyOtherUnexpectedErrorIsA500ProblemAndIsReported(CapturedOutput output) {
        var request = new MockHttpServletRequest("GET", "/api/v1/campaigns");

        var answer = advice.unexpected(new IllegalStateException("boom"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "internal-error");
        assertThat(output).contains("Unexpected error serving GET /api/v1/campaigns");
    }
}
