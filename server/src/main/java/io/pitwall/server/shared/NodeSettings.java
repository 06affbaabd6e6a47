package io.pitwall.server.shared;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who this server node is among the nodes sharing one database.
 *
 * @param nodeId  this node's name as the holder of database leases; unique among live nodes and the same
 *                after a restart, so a restarted node resumes its own leases at once (empty: the name kept in
 *                {@code <data-dir>/node-id}, created on first start)
 * @param dataDir the node's data directory
 */
@ConfigurationProperties("pitwall")
public record NodeSettings(
        String nodeId, @DefaultValue("./data") Path dataDir) {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}");

    public NodeSettings {
        nodeId = nodeId == null || nodeId.isBlank() ? null : nodeId.strip();
        if (nodeId != null && !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("pitwall.node-id must be 1 to 100 letters, digits or . _ : @ / -"
                    + " starting with a letter or digit");
        }
    }

    /** Whether a node id is configured. */
    public boolean configured() {
        return nodeId != null;
    }
}
