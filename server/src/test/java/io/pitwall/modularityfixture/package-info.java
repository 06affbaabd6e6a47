/**
 * Deliberately broken code for {@code io.pitwall.server.ModularityTests}: each class here breaks one rule, so the
 * tests can show that the rule fails. Outside {@code io.pitwall.server}, so the application never sees it.
 */
package io.pitwall.modularityfixture;
