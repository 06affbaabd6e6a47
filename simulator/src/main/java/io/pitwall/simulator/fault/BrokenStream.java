package io.pitwall.simulator.fault;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An artifact body that breaks off after {@code breakAt} bytes (never, when negative): the connection
 * drops ({@link IOException}) or the agent is killed in the middle of reading ({@link AgentKilled}).
 * {@code onBreak} hears of every break, simulated or real.
 */
final class BrokenStream extends FilterInputStream {

    private final long breakAt;
    private final boolean kill;
    private final FleetCounters counters;
    private final Runnable onBreak;
    private long read;

    BrokenStream(InputStream in, long breakAt, boolean kill, FleetCounters counters, Runnable onBreak) {
        super(in);
        this.breakAt = breakAt;
        this.kill = kill;
        this.counters = counters;
        this.onBreak = onBreak;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (breakAt >= 0 && read >= breakAt) {
            onBreak.run();
            if (kill) {
                counters.agentKills.increment();
                throw new AgentKilled("in the middle of a download, at byte " + read + " of the answer");
            }
            throw new IOException("simulated network drop in the middle of a download");
        }
        int allowed = breakAt >= 0 ? (int) Math.min(length, breakAt - read) : length;
        int n;
        try {
            n = in.read(buffer, offset, allowed);
        } catch (IOException e) {
            onBreak.run();
            throw e;
        }
        if (n > 0) {
            read += n;
            counters.bytesDownloaded.add(n);
        }
        return n;
    }
}
