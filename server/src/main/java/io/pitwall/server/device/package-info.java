/**
 * The native vehicle API under {@code /device/v1}: vehicle credentials (256-bit bearer secrets shown once,
 * stored hashed, revocable), blocking, and the authentication that binds every device request to the
 * VIN in its path.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "access",
            "campaign",
            "catalog",
            "commands",
            "inventory",
            "privacy",
            "shared",
            "telemetry"
        })
package io.pitwall.server.device;
