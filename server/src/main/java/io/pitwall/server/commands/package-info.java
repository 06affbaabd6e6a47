/**
 * Remote diagnostic commands: an operator requests one for a vehicle (clearing faults on a safety-relevant ECU
 * waits for a second approver), the vehicle receives it at its check-ins until it answers with a
 * {@code COMMAND_RESULT} event, and what it did not answer in time expires. {@link
 * io.pitwall.server.commands.CommandLifecycle} decides every change of status.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"access", "inventory", "privacy", "shared", "telemetry"})
package io.pitwall.server.commands;
