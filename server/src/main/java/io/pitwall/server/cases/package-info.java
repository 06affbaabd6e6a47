/**
 * Service cases: faults classified by the severity rules and failed or rolled-back campaign updates open cases,
 * deduplicated per (vehicle, rule or campaign) while open, routed to a team with an owner and an SLA, escalated
 * on breach, moved through {@link io.pitwall.server.cases.CaseLifecycle}, each shown with its vehicle's context.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"access", "campaign", "campaign :: spi", "diagnostics", "inventory", "privacy", "shared"
        })
package io.pitwall.server.cases;
