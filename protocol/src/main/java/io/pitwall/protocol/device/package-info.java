/**
 * The native device API (/device/v1): check-in, assignments, commands and events as records, read
 * tolerantly (unknown fields ignored, unknown enum codes mapped to a safe value) so old agents and new
 * servers, or new agents and old servers, keep talking. {@link io.pitwall.protocol.device.DeviceJson}
 * is the mapper both sides use.
 */
package io.pitwall.protocol.device;
