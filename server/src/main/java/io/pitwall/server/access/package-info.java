/**
 * Operators, roles, named permissions and API tokens. Every management endpoint declares the one
 * permission it needs with {@link io.pitwall.server.access.RequiresPermission}; roles are fixed sets of
 * permissions declared in {@link io.pitwall.server.access.Role}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package io.pitwall.server.access;
