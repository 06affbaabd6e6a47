package io.pitwall.server.device.web;

import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.campaign.AssignmentDelivery;
import io.pitwall.server.catalog.ArtifactContent;
import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.HashCheckedStream;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET}/{@code HEAD /device/v1/vehicles/{vin}/artifacts/{sha256}}: image bytes for a vehicle that
 * is assigned or runs that image, resumable with one {@code Range} ({@link ByteRange}: 206 with
 * Content-Range; 416 with {@code bytes *}/length when unsatisfiable; 200 when ignored). The ETag is the
 * sha256. Another vehicle's image answers 404, as an unknown one does. A whole-file download is checked
 * against the sha256 while it is streamed: content altered on disk never reaches the vehicle whole (its last
 * byte is withheld and the connection broken, logged as an error). A byte range is served as stored; the
 * vehicle verifies the assembled image against the signed metadata.
 */
@RestController
class ArtifactController {

    private static final Logger log = LoggerFactory.getLogger(ArtifactController.class);
    private final ArtifactStore store;
    private final AssignmentDelivery delivery;
    private final KnownVehicles vehicles;

    ArtifactController(ArtifactStore store, AssignmentDelivery delivery, KnownVehicles vehicles) {
        this.store = store;
        this.delivery = delivery;
        this.vehicles = vehicles;
    }

    @RequestMapping(
            path = "/device/v1/vehicles/{vin}/artifacts/{sha256}",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void artifact(
            AuthenticatedVehicle vehicle,
            @PathVariable String sha256,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String vin = vehicle.vin();
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw ApiException.badRequest("invalid-artifact-id", "An artifact is named by its lower-case hex sha256");
        }
        if (!delivery.assigns(vin, sha256) && !vehicles.runs(vin, sha256)) {
            throw ApiException.notFound("artifact-not-found", "No such artifact for this vehicle");
        }
        long length;
        try (ArtifactContent probe = store.open(sha256)
                .orElseThrow(() -> ApiException.notFound("artifact-not-found", "No such artifact for this vehicle"))) {
            length = probe.length();
        }
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("ETag", "\"" + sha256 + "\"");
        response.setContentType("application/octet-stream");
        long start = 0;
        long end = length - 1;
        ByteRange range = ByteRange.of(request.getHeader("Range"), length);
        if (range instanceof ByteRange.Unsatisfiable) {
            response.setHeader("Content-Range", "bytes */" + length);
            response.setStatus(416);
            return;
        }
        if (range instanceof ByteRange.Part part) {
            start = part.start();
            end = part.end();
            response.setStatus(206);
            response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + length);
        } else {
            response.setStatus(200);
        }
        long count = end - start + 1;
        response.setContentLengthLong(count);
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (ArtifactContent content = store.open(sha256, start).orElseThrow()) {
            OutputStream out = response.getOutputStream();
            if (start == 0 && count == length) {
                try {
                    copy(new HashCheckedStream(content.stream(), length, sha256), out, count);
                } catch (HashCheckedStream.Mismatch e) {
                    // The last byte is held back until the hash is checked: the vehicle gets a short, failing body.
                    log.error("Artifact {} for vehicle {}: {}; connection aborted", sha256, vin, e.getMessage());
                    throw e;
                }
            } else {
                copy(content.stream(), out, count);
            }
            out.flush();
        }
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
