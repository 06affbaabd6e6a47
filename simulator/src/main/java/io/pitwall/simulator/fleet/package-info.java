/**
 * Seeded fleets: a built-in catalog of vehicle models and ECU hardware (ids, variants, factory firmware)
 * and a generator that draws a fleet from a seed, ready to import through the management API.
 */
package io.pitwall.simulator.fleet;
