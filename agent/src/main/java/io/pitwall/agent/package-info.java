/**
 * The vehicle-side agent: checks in, verifies and downloads signed images, installs them when the
 * vehicle-state rules hold, and reports every step through a crash-safe event journal. Plain Java; wire it
 * with {@link io.pitwall.agent.Agent#builder()} and drive it with {@link io.pitwall.agent.Agent#tick()}.
 */
package io.pitwall.agent;
