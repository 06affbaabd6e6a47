package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectedUrlIntegrationTests extends IntegrationTest {

    @Test
    void urlsTheFirewallRefusesAreAnsweredWithProblemJson() {
        for (String path : List.of(
                "/api/v1//vehicles",
                "/api/v1/vehicles;jsessionid=1",
                "/api/v1/vehicles/%25",
                "/api/v1/vehicles/%2e%2e/operators",
                "/api/v1/vehicles/a/../../v1/operators")) {
            var answer = admin.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(answer.code()).as(path).isEqualTo("request-rejected");
            assertThat(answer.body()).as(path).doesNotContain("Exception").doesNotContain("at org.");
        }
    }
}
