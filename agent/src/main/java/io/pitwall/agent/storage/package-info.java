/**
 * Storage for the agent: {@link io.pitwall.agent.storage.FileStorage} (append-only fsync'd journal,
 * staging directory, atomically replaced progress file) for vehicles, and
 * {@link io.pitwall.agent.storage.InMemoryStorage} for simulations of thousands of vehicles.
 */
package io.pitwall.agent.storage;
