package io.pitwall.server.catalog;

import io.pitwall.protocol.tuf.SafeIntegers;
import io.pitwall.server.catalog.internal.Identifiers;
import io.pitwall.server.shared.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The metadata to register an image with; validated on construction (422 with a stable code).
 * See {@link Image} for the meaning of each field.
 */
public record NewImage(
        String hardwareId,
        String name,
        String version,
        Long releaseCounter,
        String fileName,
        InstallType installType,
        RiskClass riskClass,
        String ecuType,
        List<Dependency> dependencies,
        boolean newHardware,
        Long declaredSize) {

    public NewImage {
        if (!Identifiers.isHardwareId(hardwareId)) {
            throw invalid(
                    "invalid-hardware-id",
                    "hardwareId is 1-64 of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        if (!Identifiers.isName(name)) {
            throw invalid("invalid-image-name", "name has 1-100 characters and no control characters");
        }
        if (!Identifiers.isVersion(version)) {
            throw invalid(
                    "invalid-version",
                    "version is 1-64 of A-Z, a-z, 0-9, '.', '_', '+', '~', '-', starting with a letter or digit");
        }
        if (releaseCounter == null || releaseCounter < 0) {
            throw invalid("invalid-release-counter", "releaseCounter is a whole number, 0 or greater");
        }
        if (!SafeIntegers.safe(releaseCounter)) {
            throw outOfRange("releaseCounter");
        }
        var fileProblem = Identifiers.fileNameProblem(fileName);
        if (fileProblem.isPresent()) {
            throw invalid("invalid-file-name", "Invalid fileName: " + fileProblem.get());
        }
        Objects.requireNonNull(installType, "installType");
        Objects.requireNonNull(riskClass, "riskClass");
        if (!Identifiers.isEcuType(ecuType)) {
            throw invalid("invalid-ecu-type", "ecuType is 1-32 of A-Z, a-z, 0-9, '.', '_', '-'");
        }
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        var seen = new HashSet<String>();
        for (Dependency dependency : dependencies) {
            if (dependency.hardwareId().equals(hardwareId) || !seen.add(dependency.hardwareId())) {
                throw invalid("invalid-dependency", "Dependencies name other hardware ids, each at most once");
            }
        }
        if (declaredSize != null && declaredSize < 1) {
            throw invalid("invalid-size", "size, when given, is the image's length in bytes (1 or more)");
        }
        if (declaredSize != null && !SafeIntegers.safe(declaredSize)) {
            throw outOfRange("declaredSize");
        }
    }

    /** Signed into the image's TUF targets entry, it must stay readable by JavaScript TUF clients. */
    private static ApiException outOfRange(String field) {
        return invalid(
                "integer-out-of-range",
                field + " is above " + SafeIntegers.MAX + " (2^53 - 1), the largest "
                        + "integer every TUF client reads exactly; it would make the whole targets metadata unreadable to "
                        + "JavaScript clients");
    }

    private static ApiException invalid(String code, String detail) {
        return ApiException.unprocessable(code, detail);
    }
}
