package io.pitwall.server.catalog.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.catalog.Dependency;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.InstallType;
import io.pitwall.server.catalog.NewImage;
import io.pitwall.server.catalog.RiskClass;
import io.pitwall.server.catalog.internal.AuthorizeRollback;
import io.pitwall.server.catalog.internal.CatalogQueries;
import io.pitwall.server.catalog.internal.Identifiers;
import io.pitwall.server.catalog.internal.RegisterImage;
import io.pitwall.server.catalog.internal.RevalidateImage;
import io.pitwall.server.catalog.internal.UploadImageContent;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Page;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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
@RequestMapping("/api/v1/images")
class ImageController {

    /**
     * Image metadata. {@code installType}: AB | IN_PLACE; {@code riskClass}: LOW | MEDIUM | HIGH;
     * {@code dependencies}: [{hardwareId, minVersion}] on other hardware ids; {@code newHardware}: declare
     * hardware not yet in the inventory; {@code declaredSize}: optional length the content must have.
     */
    record CreateImageRequest(
            @Schema(maxLength = 64) String hardwareId,
            @Schema(maxLength = 100) String name,
            @Schema(maxLength = 64) String version,
            Long releaseCounter,
            @Schema(maxLength = Identifiers.MAX_FILE_NAME) String fileName,
            @Schema(maxLength = 20) String installType,
            @Schema(maxLength = 20) String riskClass,
            @Schema(maxLength = 32) String ecuType,
            List<DependencyRequest> dependencies,
            Boolean newHardware,
            Long declaredSize) {}

    record DependencyRequest(
            @Schema(maxLength = 64) String hardwareId,
            @Schema(maxLength = 64) String minVersion) {}

    record RollbackRequest(
            @Schema(maxLength = AuthorizeRollback.MAX_REASON)
            String reason) {}

    private final RegisterImage register;
    private final UploadImageContent upload;
    private final AuthorizeRollback rollback;
    private final RevalidateImage revalidate;
    private final CatalogQueries queries;

    ImageController(
            RegisterImage register,
            UploadImageContent upload,
            AuthorizeRollback rollback,
            RevalidateImage revalidate,
            CatalogQueries queries) {
        this.register = register;
        this.upload = upload;
        this.rollback = rollback;
        this.revalidate = revalidate;
        this.queries = queries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.IMAGE_UPLOAD)
    ImageResponse create(@RequestBody CreateImageRequest r) {
        var install = InstallType.ofCode(r.installType())
                .orElseThrow(() -> ApiException.unprocessable(
                        "unknown-install-type", "installType is one of " + Arrays.toString(InstallType.values())));
        var risk = RiskClass.ofCode(r.riskClass())
                .orElseThrow(() -> ApiException.unprocessable(
                        "unknown-risk-class", "riskClass is one of " + Arrays.toString(RiskClass.values())));
        List<Dependency> dependencies = r.dependencies() == null
                ? List.of()
                : r.dependencies().stream()
                        .map(d ->
                                d == null ? new Dependency(null, null) : new Dependency(d.hardwareId(), d.minVersion()))
                        .toList();
        var image = new NewImage(
                r.hardwareId(),
                r.name(),
                r.version(),
                r.releaseCounter(),
                r.fileName(),
                install,
                risk,
                r.ecuType(),
                dependencies,
                Boolean.TRUE.equals(r.newHardware()),
                r.declaredSize());
        return ImageResponse.of(register.register(image, CurrentOperator.require()));
    }

    /** The image's bytes as {@code application/octet-stream}, streamed; accepted once per image. */
    @PutMapping("/{id}/content")
    @RequiresPermission(Permission.IMAGE_UPLOAD)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "The image bytes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    ImageResponse upload(@PathVariable long id, HttpServletRequest request) throws IOException {
        // Checked here rather than with 'consumes', so the permission check answers first.
        if (!isOctetStream(request.getContentType())) {
            throw new ApiException(415, "unsupported-media-type", "Upload image content as application/octet-stream");
        }
        return ImageResponse.of(
                upload.upload(id, request.getInputStream(), request.getContentLengthLong(), CurrentOperator.require()));
    }

    private static boolean isOctetStream(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @GetMapping
    @RequiresPermission(Permission.IMAGE_READ)
    Page<ImageResponse> list(
            @RequestParam(required = false) String hardwareId,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ImageStatus wanted = status == null
                ? null
                : Arrays.stream(ImageStatus.values())
                        .filter(s -> s.name().equals(status))
                        .findFirst()
                        .orElseThrow(() -> ApiException.badRequest(
                                "invalid-parameter", "status is one of " + Arrays.toString(ImageStatus.values())));
        var found = queries.images(hardwareId, wanted, page, size);
        return new Page<>(found.items().stream().map(ImageResponse::of).toList(), page, size, found.total());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.IMAGE_READ)
    ImageResponse get(@PathVariable long id) {
        return ImageResponse.of(queries.image(id));
    }

    @PostMapping("/{id}/rollback-authorization")
    @RequiresPermission(Permission.IMAGE_AUTHORIZE_ROLLBACK)
    ImageResponse authorizeRollback(@PathVariable long id, @RequestBody RollbackRequest request) {
        return ImageResponse.of(rollback.authorize(id, request.reason(), CurrentOperator.require()));
    }

    /** Runs the validation gate again (e.g. after a dependency was uploaded) and records the verdict. */
    @PostMapping("/{id}/validation")
    @RequiresPermission(Permission.IMAGE_UPLOAD)
    ImageResponse revalidate(@PathVariable long id) {
        return ImageResponse.of(revalidate.revalidate(id));
    }
}
