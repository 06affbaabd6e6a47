package io.pitwall.agent.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** One framed journal record: {@code [int length of kind+payload][int crc32 of kind+payload][kind][payload]}. */
record JournalRecord(byte kind, byte[] payload) {

    static final byte EVENT = 'E';
    static final byte ACK = 'A';
    static final byte BASE = 'B';
    static final byte REFUSED = 'R';
    private static final int HEADER = 8;
    private static final int MAX_LENGTH = 1 << 20;

    static ByteBuffer event(byte[] json) {
        return frame(EVENT, json);
    }

    static ByteBuffer refused(byte[] json) {
        return frame(REFUSED, json);
    }

    static ByteBuffer ofLong(byte kind, long value) {
        return frame(kind, ByteBuffer.allocate(8).putLong(value).array());
    }

    long longPayload() {
        return ByteBuffer.wrap(payload).getLong();
    }

    private static ByteBuffer frame(byte kind, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + 1 + payload.length);
        buffer.putInt(1 + payload.length)
                .putInt(crc(kind, payload, 0, payload.length))
                .put(kind)
                .put(payload);
        return buffer.flip();
    }

    /**
     * The record at the buffer's position, advancing past it; {@code null} (position unchanged) when the
     * rest is empty, cut short or fails its checksum.
     */
    static JournalRecord next(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < HEADER + 1) {
            return null;
        }
        int length = in.getInt(start);
        int crc = in.getInt(start + 4);
        if (length < 1 || length > MAX_LENGTH || in.remaining() < HEADER + length) {
            return null;
        }
        byte kind = in.get(start + HEADER);
        byte[] payload = new byte[length - 1];
        in.get(start + HEADER + 1, payload);
        if (crc(kind, payload, 0, payload.length) != crc) {
            return null;
        }
        in.position(start + HEADER + length);
        return new JournalRecord(kind, payload);
    }

    private static int crc(byte kind, byte[] payload, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(kind);
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }
}
