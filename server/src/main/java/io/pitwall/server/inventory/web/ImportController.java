package io.pitwall.server.inventory.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.inventory.ImportSource;
import io.pitwall.server.inventory.VehicleImport;
import io.pitwall.server.inventory.internal.InventorySettings;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import of vehicles with their ECUs as JSON Lines ({@link NdjsonVehicleSource}) or CSV
 * ({@link CsvVehicleSource}). The body is streamed straight from the request, never buffered whole.
 */
@RestController
class ImportController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final VehicleImport imports;
    private final JsonMapper json;
    private final InventorySettings settings;

    ImportController(VehicleImport imports, JsonMapper json, InventorySettings settings) {
        this.imports = imports;
        this.json = json;
        this.settings = settings;
    }

    /** Upserts by VIN; answers the counts and the rejected lines (200 even when some lines were rejected). */
    @RequestBody(
            required = true,
            description =
                    "JSON Lines: one vehicle (create-request shape, ECUs inline) per "
                            + "line. CSV: header row, then one row per ECU with the vehicle columns repeated and the rows of a VIN "
                            + "adjacent; columns vin, model, modelYear, region, market, customerType, connectivity, ecuSerial, "
                            + "ecuType, hardwareId, softwareVersion, updatePolicy, optional tags (';'-separated), hardwareVariant, "
                            + "imageHash, primary and attr.<name>. Each VIN once per import: a repeat is rejected as duplicate-vin.",
            content = {@Content(mediaType = NDJSON), @Content(mediaType = CSV)})
    // The content type is checked here rather than with 'consumes', so the permission check answers first.
    @PostMapping(path = "/api/v1/vehicles/import")
    @RequiresPermission(Permission.VEHICLE_WRITE)
    ImportReportResponse importVehicles(HttpServletRequest request) throws IOException {
        MediaType type = utf8(request.getContentType());
        if (!type.isCompatibleWith(MediaType.parseMediaType(CSV))
                && !type.isCompatibleWith(MediaType.parseMediaType(NDJSON))) {
            throw new ApiException(415, "unsupported-media-type", "Imports are " + NDJSON + " or " + CSV + " in UTF-8");
        }
        ImportSource source = type.isCompatibleWith(MediaType.parseMediaType(CSV))
                ? CsvVehicleSource.open(request.getInputStream(), settings.maxImportLineChars())
                : new NdjsonVehicleSource(request.getInputStream(), json, settings.maxImportLineChars());
        return ImportReportResponse.of(imports.run(source));
    }

    private static MediaType utf8(String contentType) {
        if (contentType == null) {
            throw new ApiException(415, "unsupported-media-type", "Imports are " + NDJSON + " or " + CSV + " in UTF-8");
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            Charset charset = type.getCharset();
            if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
                return type;
            }
        } catch (IllegalArgumentException e) {
            // an unparsable type or an unknown charset name: refused below
        }
        throw new ApiException(415, "unsupported-media-type", "Imports are " + NDJSON + " or " + CSV + " in UTF-8");
    }
}
