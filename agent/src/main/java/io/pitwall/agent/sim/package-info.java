/** Simulated ECUs with seeded, configurable faults, for tests and the fleet simulator. */
package io.pitwall.agent.sim;
