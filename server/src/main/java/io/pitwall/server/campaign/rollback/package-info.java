/** Rollback campaigns: undoing a stopped campaign on the vehicles that began installing it. */
package io.pitwall.server.campaign.rollback;
