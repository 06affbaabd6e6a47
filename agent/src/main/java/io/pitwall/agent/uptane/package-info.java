/**
 * The agent as a full-verification Uptane primary: {@link io.pitwall.agent.uptane.TufClient} refreshes one TUF 1.0
 * repository (root N+1 chain, timestamp, snapshot, targets, delegations) against a time that never goes backwards,
 * and {@link io.pitwall.agent.uptane.UptanePrimary} checks the director's per-vehicle targets against the image
 * repository. Every refusal is an {@link io.pitwall.agent.uptane.UptaneRejected} with a stable code.
 */
package io.pitwall.agent.uptane;
