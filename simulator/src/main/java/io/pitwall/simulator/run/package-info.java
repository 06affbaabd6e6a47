/**
 * The machinery of a simulation: one simulated vehicle (real agent, faulty network, simulated ECUs,
 * evolving vehicle state, kill and restart from its storage) and the single tick scheduler that drives
 * all of them on virtual threads where the JDK has them, else on a bounded pool.
 */
package io.pitwall.simulator.run;
