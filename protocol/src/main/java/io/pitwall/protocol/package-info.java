/**
 * The device contract shared by server, agent and simulator: plain records, canonical JSON and
 * Ed25519 signing. No Spring.
 */
package io.pitwall.protocol;
