package io.pitwall.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * SPI: where images are downloaded to before install, one blob per image sha256. Partial blobs survive a
 * restart, so a download resumes with {@code Range: bytes=size-}.
 */
public interface StagingArea {

    /** Bytes staged so far for this image (0 when none). */
    long size(String sha256) throws IOException;

    /** Appends to the blob; {@code close()} makes what was written durable. */
    OutputStream append(String sha256) throws IOException;

    InputStream open(String sha256) throws IOException;

    void delete(String sha256) throws IOException;
}
