package io.pitwall.server.catalog.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.catalog.NewRelease;
import io.pitwall.server.catalog.Release;
import io.pitwall.server.catalog.ReleaseReport;
import io.pitwall.server.catalog.ReleaseStatus;
import io.pitwall.server.catalog.internal.CatalogQueries;
import io.pitwall.server.catalog.internal.CreateRelease;
import io.pitwall.server.catalog.internal.PublishRelease;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/releases")
class ReleaseController {

    record CreateReleaseRequest(
            @Schema(maxLength = 100) String name,
            @Schema(maxLength = 64) String version,
            @Schema(maxLength = NewRelease.MAX_NOTES) String notes,
            List<Long> imageIds) {}

    /** A release; {@code validation} is the gate's report at publication. */
    record ReleaseResponse(
            long id,
            String name,
            String version,
            String notes,
            String status,
            List<Long> imageIds,
            ReleaseReport validation,
            String createdBy,
            OffsetDateTime createdAt,
            String publishedBy,
            OffsetDateTime publishedAt,
            long lockVersion) {

        static ReleaseResponse of(Release r) {
            return new ReleaseResponse(
                    r.id(),
                    r.name(),
                    r.version(),
                    r.notes(),
                    r.status().name(),
                    r.imageIds(),
                    r.report(),
                    r.createdBy(),
                    r.createdAt(),
                    r.publishedBy(),
                    r.publishedAt(),
                    r.lockVersion());
        }
    }

    private final CreateRelease create;
    private final PublishRelease publish;
    private final CatalogQueries queries;

    ReleaseController(CreateRelease create, PublishRelease publish, CatalogQueries queries) {
        this.create = create;
        this.publish = publish;
        this.queries = queries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.RELEASE_PUBLISH)
    ReleaseResponse create(@RequestBody CreateReleaseRequest r) {
        return ReleaseResponse.of(create.create(
                new NewRelease(r.name(), r.version(), r.notes(), r.imageIds()), CurrentOperator.require()));
    }

    @GetMapping
    @RequiresPermission(Permission.IMAGE_READ)
    Page<ReleaseResponse> list(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ReleaseStatus wanted = status == null
                ? null
                : Arrays.stream(ReleaseStatus.values())
                        .filter(s -> s.name().equals(status))
                        .findFirst()
                        .orElseThrow(() -> ApiException.badRequest(
                                "invalid-parameter", "status is one of " + Arrays.toString(ReleaseStatus.values())));
        var found = queries.releases(wanted, page, size);
        return new Page<>(found.items().stream().map(ReleaseResponse::of).toList(), page, size, found.total());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.IMAGE_READ)
    ReleaseResponse get(@PathVariable long id) {
        return ReleaseResponse.of(queries.release(id));
    }

    /** Runs the validation gate for every image and the release; 422 release-validation-failed with the report. */
    @PostMapping("/{id}/publish")
    @RequiresPermission(Permission.RELEASE_PUBLISH)
    ReleaseResponse publish(@PathVariable long id) {
        return ReleaseResponse.of(publish.publish(id, CurrentOperator.require()));
    }
}
