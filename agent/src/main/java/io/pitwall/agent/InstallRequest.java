package io.pitwall.agent;

import io.pitwall.protocol.device.EcuTarget;
import java.io.IOException;
import java.io.InputStream;

/**
 * One ECU's install: the verified target and its staged bytes. The bytes were checked against the signed
 * length and hashes after download; an installer should check what it wrote against them again.
 *
 * @param attempt 1 for the first try, higher for retries
 */
public record InstallRequest(String assignmentId, EcuTarget target, ImageSource image, int attempt) {

    /** Opens the staged image; each call starts from the first byte. */
    @FunctionalInterface
    public interface ImageSource {
        InputStream open() throws IOException;
    }
}
