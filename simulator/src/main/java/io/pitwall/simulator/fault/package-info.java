/**
 * Seeded faults around the real agent: a {@link io.pitwall.agent.Transport} decorator that drops, delays,
 * duplicates and reorders real HTTP requests, ECU installers that fail or kill the agent mid-install,
 * vehicles that start low on charge or driving, skewed clocks; named profiles and JSON scenario files.
 */
package io.pitwall.simulator.fault;
