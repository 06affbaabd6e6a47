package io.pitwall.server.inventory.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.RegisterVehicles;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Page;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/vehicles")
class VehicleController {

    private final RegisterVehicles register;
    private final FindVehicles find;

    VehicleController(RegisterVehicles register, FindVehicles find) {
        this.register = register;
        this.find = find;
    }

    /** Filtered, paged listing; see {@link VehicleQuery} for the parameters. */
    @GetMapping
    @RequiresPermission(Permission.VEHICLE_READ)
    Page<VehicleResponse> list(@RequestParam MultiValueMap<String, String> params) {
        var query = VehicleQuery.parse(params);
        var page = find.page(query.filter(), query.rsql(), query.page(), query.size());
        return new Page<>(
                page.items().stream().map(VehicleResponse::of).toList(), page.page(), page.size(), page.total());
    }

    record CountResponse(long count) {}

    /** How many vehicles the listing with these parameters would show in total (paging ignored). */
    @GetMapping("/count")
    @RequiresPermission(Permission.VEHICLE_READ)
    CountResponse count(@RequestParam MultiValueMap<String, String> params) {
        var query = VehicleQuery.parse(params);
        return new CountResponse(find.count(query.filter(), query.rsql()));
    }

    @GetMapping("/{vin}")
    @RequiresPermission(Permission.VEHICLE_READ)
    VehicleResponse get(@PathVariable String vin) {
        return VehicleResponse.of(find.get(new Vin(vin)));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    ResponseEntity<VehicleResponse> create(@RequestBody VehicleBody body) {
        var created = register.create(body.toVehicle());
        return ResponseEntity.created(
                        URI.create("/api/v1/vehicles/" + created.vehicle().vin()))
                .body(VehicleResponse.of(created));
    }

    /** Full replace including ECUs; the body names the {@code version} it was based on. */
    @PutMapping(path = "/{vin}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    VehicleResponse replace(@PathVariable String vin, @RequestBody VehicleBody body) {
        Vin target = new Vin(vin);
        if (body.vin() != null && !body.vin().equals(vin)) {
            throw new ApiException(
                    422,
                    "vin-mismatch",
                    "The body's vin " + body.vin() + " is not the path's " + vin,
                    Map.of("field", "vin"));
        }
        long version = Required.present(body.version(), "version");
        return VehicleResponse.of(register.replace(body.toVehicle(target), version));
    }

    @DeleteMapping("/{vin}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(Permission.VEHICLE_WRITE)
    void delete(@PathVariable String vin) {
        register.delete(new Vin(vin));
    }
}
