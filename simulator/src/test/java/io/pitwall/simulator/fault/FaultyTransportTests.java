package io.pitwall.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.ArtifactBody;
import io.pitwall.agent.ArtifactHead;
import io.pitwall.agent.Transport;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.EventsAck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FaultyTransportTests {

    /** The server side: counts what arrives, acknowledges through the highest seq it saw. */
    static final class Server implements Transport {

        int checkins;
        final List<List<Long>> batches = new ArrayList<>();
        final List<Long> downloadOffsets = new ArrayList<>();

        @Override
        public CheckinResponse checkin(CheckinRequest request) {
            checkins++;
            return new CheckinResponse(60, null, List.of());
        }

        @Override
        public EventsAck sendEvents(EventBatch batch) {
            batches.add(batch.events().stream().map(DeviceEvent::seq).toList());
            return new EventsAck(
                    batch.events().stream().mapToLong(DeviceEvent::seq).max().orElse(0));
        }

        @Override
        public ArtifactHead head(String url) {
            return new ArtifactHead(10_000, "\"x\"", true);
        }

        @Override
        public ArtifactBody download(String url, long offset) {
            downloadOffsets.add(offset);
            return new ArtifactBody(offset, 10_000, new ByteArrayInputStream(new byte[(int) (10_000 - offset)]));
        }
    }

    private final Server server = new Server();
    private final FleetCounters counters = new FleetCounters();

    private FaultyTransport network(FaultProfile faults, long seed, CrashPlan plan) {
        return new FaultyTransport(server, faults, new SplittableRandom(seed), plan, counters, 4096);
    }

    private static CheckinRequest checkin() {
        return new CheckinRequest(null, Connectivity.WIFI, true, List.of());
    }

    private static EventBatch batch(long from, long to) {
        return new EventBatch(LongStream.rangeClosed(from, to)
                .mapToObj(seq -> new DeviceEvent(
                        seq, EventType.CONNECTIVITY, Instant.EPOCH, null, null, null, "WIFI", null, null))
                .toList());
    }

    @Test
    void aDropRateFailsThatShareOfRequestsHalfBeforeAndHalfAfterTheServerSawThem() {
        var network = network(FaultProfile.CLEAN.withNetworkDropRate(0.3), 1, CrashPlan.NONE);
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            try {
                network.checkin(checkin());
            } catch (IOException e) {
                failed++;
            }
        }
        var counts = counters.counts();

        assertThat(failed).isBetween(2800, 3200);
        assertThat(counts.droppedBeforeSending() + counts.droppedAfterSending()).isEqualTo(failed);
        assertThat(counts.droppedBeforeSending()).isBetween(1350L, 1650L);
        assertThat(server.checkins)
                .as("requests dropped after sending reached the server")
                .isEqualTo(10_000 - (int) counts.droppedBeforeSending());
    }

    @Test
    void theSameSeedDropsTheSameRequests() {
        assertThat(outcomes(7)).isEqualTo(outcomes(7)).isNotEqualTo(outcomes(8));
    }

    private List<Boolean> outcomes(long seed) {
        var network = network(FaultProfile.CLEAN.withNetworkDropRate(0.5), seed, CrashPlan.NONE);
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            try {
                network.checkin(checkin());
                outcomes.add(true);
            } catch (ConnectException e) {
                outcomes.add(false);
            } catch (IOException e) {
                outcomes.add(null);
            }
        }
        return outcomes;
    }

    @Test
    void batchesArriveTwiceLateAndTailFirstButTheAgentSeesOneAnswer() throws IOException {
        var network = network(FaultProfile.CLEAN.withBatchChaos(1, 1), 3, CrashPlan.NONE);

        assertThat(network.sendEvents(batch(1, 4)).ackedThroughSeq()).isEqualTo(4);
        assertThat(network.sendEvents(batch(5, 6)).ackedThroughSeq()).isEqualTo(6);

        assertThat(server.batches.get(0))
                .as("the tail of the first batch came first")
                .endsWith(4L)
                .doesNotContain(1L);
        assertThat(server.batches.subList(1, 3)).containsExactly(List.of(1L, 2L, 3L, 4L), List.of(1L, 2L, 3L, 4L));
        assertThat(server.batches.get(3))
                .as("a late copy of the previous batch")
                .isEqualTo(List.of(1L, 2L, 3L, 4L));
        assertThat(server.batches.get(4)).isEqualTo(List.of(6L));
        assertThat(server.batches.subList(5, 7)).containsExactly(List.of(5L, 6L), List.of(5L, 6L));
        assertThat(counters.counts().batchesDuplicated()).isEqualTo(3);
        assertThat(counters.counts().batchesReordered()).isEqualTo(2);
    }

    @Test
    void aDownloadDroppedAfterSendingBreaksOffMidBodyAndItsRangeRequestCountsAsResumed() {
        var network = network(FaultProfile.CLEAN.withNetworkDropRate(1), 11, CrashPlan.NONE);
        while (server.downloadOffsets.isEmpty()) {
            assertThatThrownBy(() -> {
                        try (ArtifactBody body = network.download("/a", 0)) {
                            drain(body.body());
                        }
                    })
                    .isInstanceOf(IOException.class);
        }
        assertThat(counters.counts().downloadsResumed()).isZero();

        while (server.downloadOffsets.size() < 2) {
            assertThatThrownBy(() -> {
                        try (ArtifactBody body = network.download("/a", 1000)) {
                            drain(body.body());
                        }
                    })
                    .isInstanceOf(IOException.class);
        }
        assertThat(server.downloadOffsets).containsExactly(0L, 1000L);
        assertThat(counters.counts().downloadsResumed()).isEqualTo(1);
    }

    @Test
    void aPlannedKillStopsTheAgentInTheMiddleOfItsFirstDownloadOnly() throws IOException {
        var network = network(FaultProfile.CLEAN, 5, new CrashPlan(0.5, CrashPlan.InstallKill.NONE));

        assertThatThrownBy(() -> {
                    try (ArtifactBody body = network.download("/a", 0)) {
                        drain(body.body());
                    }
                })
                .isInstanceOf(AgentKilled.class);
        try (ArtifactBody body = network.download("/a", 2048)) {
            assertThat(drain(body.body())).isEqualTo(10_000 - 2048);
        }
        assertThat(counters.counts().agentKills()).isEqualTo(1);
        assertThat(counters.counts().downloadsResumed()).isEqualTo(1);
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buffer = new byte[1024];
        for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
            n += r;
        }
        return n;
    }
}
