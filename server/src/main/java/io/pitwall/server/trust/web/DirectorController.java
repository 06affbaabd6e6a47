package io.pitwall.server.trust.web;

import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.trust.DirectorRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A vehicle's director repository under the device API, authenticated by that vehicle's credential (the
 * device filter answers 401/403): {@code N.root.json} (the first missing N answers 404), {@code root.json},
 * {@code timestamp.json}, {@code snapshot.json}, {@code targets.json}.
 */
@RestController
class DirectorController {

    private final DirectorRepository director;

    DirectorController(DirectorRepository director) {
        this.director = director;
    }

    @GetMapping("/device/v1/vehicles/{vin}/director/{name}")
    ResponseEntity<byte[]> metadata(AuthenticatedVehicle vehicle, @PathVariable String name) {
        byte[] body = director.file(vehicle.vin(), name)
                .orElseThrow(() -> ApiException.notFound("metadata-not-found", "No director metadata named " + name));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-cache")
                .body(body);
    }
}
