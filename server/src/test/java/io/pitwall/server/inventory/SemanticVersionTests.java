package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTests {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "2.9.0, 2.10.0",
        "1.9.9, 2.0.0",
        "2.4.0, 2.4.1",
        "2.4.0-rc.1, 2.4.0",
        "1.0.0-alpha, 1.0.0-alpha.1",
        "1.0.0-alpha.1, 1.0.0-alpha.beta",
        "1.0.0-alpha.beta, 1.0.0-beta",
        "1.0.0-beta, 1.0.0-beta.2",
        "1.0.0-beta.2, 1.0.0-beta.11",
        "1.0.0-beta.11, 1.0.0-rc.1",
        "1.0.0-rc.1, 1.0.0",
        "9.0.0, 10.0.0",
        "99999999999999999.0.0, 100000000000000000.0.0"
    })
    void ordersBySemVerPrecedence(String lower, String higher) {
        var a = SemanticVersion.parse(lower).orElseThrow();
        var b = SemanticVersion.parse(higher).orElseThrow();
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(a)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0+build.1", "1.0.0+other"})
    void ignoresBuildMetadata(String version) {
        assertThat(SemanticVersion.parse(version)
                        .orElseThrow()
                        .compareTo(SemanticVersion.parse("1.0.0").orElseThrow()))
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2.4",
                "v2.4.0",
                "2.4.0.1",
                "02.4.0",
                "2.4.0-",
                "2.4.0-01",
                "2.4.0-rc..1",
                "a.b.c",
                "2.4.0 ",
                "1.0.0-é"
            })
    void refusesWhatIsNotStrictSemVer(String text) {
        assertThat(SemanticVersion.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "2.4.0-rc.1+exp.sha.5114f85", "1.0.0-0.3.7", "1.0.0-x-y-z.--"})
    void acceptsSemVer(String text) {
        assertThat(SemanticVersion.parse(text))
                .get()
                .extracting(SemanticVersion::preRelease)
                .isInstanceOf(List.class);
    }
}
