package io.pitwall.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTests {

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredNodeIdIsTheHolderName() {
        try (var node = NodeIdentity.of(new NodeSettings("eu-west-1a", dataDir))) {
            assertThat(node.name()).isEqualTo("eu-west-1a");
            assertThat(node.durable()).isTrue();
        }
        assertThat(dataDir.resolve(NodeIdentity.FILE)).doesNotExist();
    }

    @Test
    void theDataDirectoryKeepsTheNameAcrossRestarts() throws Exception {
        String first;
        try (var node = NodeIdentity.of(new NodeSettings(null, dataDir))) {
            first = node.name();
            assertThat(node.durable()).isTrue();
        }
        assertThat(Files.readString(dataDir.resolve(NodeIdentity.FILE)).strip()).isEqualTo(first);
        try (var restarted = NodeIdentity.of(new NodeSettings("", dataDir))) {
            assertThat(restarted.name()).isEqualTo(first);
        }
    }

    @Test
    void aSecondLiveProcessOnTheSameDataDirectoryGetsANameOfItsOwn() {
        try (var running = NodeIdentity.of(new NodeSettings(null, dataDir));
                var second = NodeIdentity.of(new NodeSettings(null, dataDir))) {
            assertThat(second.name()).isNotEqualTo(running.name());
            assertThat(second.durable()).isFalse();
        }
    }

    @Test
    void anUnreadableStoredNameIsReplaced() throws Exception {
        Files.writeString(dataDir.resolve(NodeIdentity.FILE), "  has spaces and \u00e9\n");
        try (var node = NodeIdentity.of(new NodeSettings(null, dataDir))) {
            assertThat(node.name()).matches("[A-Za-z0-9][A-Za-z0-9.-]*-[0-9a-f]{8}");
            assertThat(Files.readString(dataDir.resolve(NodeIdentity.FILE)).strip())
                    .isEqualTo(node.name());
        }
    }

    @Test
    void aNodeIdMustBeAPlainName() {
        assertThatThrownBy(() -> new NodeSettings("two words", dataDir)).hasMessageContaining("pitwall.node-id");
        assertThatThrownBy(() -> new NodeSettings("x".repeat(101), dataDir)).hasMessageContaining("pitwall.node-id");
        assertThat(new NodeSettings("  ", dataDir).configured()).isFalse();
    }
}
