/**
 * The tamper-evident audit trail. Every {@link io.pitwall.server.shared.Audited} event becomes a record,
 * in the transaction of the change it describes, chained to its predecessor by SHA-256. A verifier
 * reports the first altered, deleted or reordered record.
 */
package io.pitwall.server.audit;
