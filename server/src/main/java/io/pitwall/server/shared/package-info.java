/**
 * What every module shares: the audit event contract, problem+json errors with stable codes,
 * request ids, time and paging. Open to all modules; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(
        type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {})
package io.pitwall.server.shared;
