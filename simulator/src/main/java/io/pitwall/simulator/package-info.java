/**
 * The fleet simulator: thousands of virtual vehicles in one JVM, each running the real
 * {@link io.pitwall.agent.Agent} over real HTTP, with seeded fleets and fault profiles, driven by one
 * tick scheduler. Same seed, same fleet, same faults.
 */
package io.pitwall.simulator;
