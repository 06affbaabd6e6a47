/**
 * A small client of Pitwall's management API ({@code /api/v1}) for the simulator and the demo: fleet
 * import, vehicle credentials, signing keys, images, releases and campaigns. JDK HttpClient and Jackson.
 */
package io.pitwall.simulator.api;
