/**
 * The one client of Pitwall's management API ({@code /api/v1}), shipped with the simulator, the demo, the key
 * tools and the benchmarks and used by the tests: fleet import, vehicle credentials, signing keys, images,
 * releases and campaigns, plus a generic call. JDK HttpClient and Jackson.
 */
package io.pitwall.client;
