/**
 * The tamper-evident audit trail. Every {@link io.pitwall.server.shared.Audited} event becomes a record,
 * written in the transaction of the change it describes and chained to its predecessor by SHA-256 right
 * after that transaction commits. A verifier reports the first altered, deleted or reordered record.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "shared"})
package io.pitwall.server.audit;
