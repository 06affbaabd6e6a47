/**
 * Campaigns: a release sent to the vehicles a target filter selects. Starting one computes eligibility
 * set-based in SQL and creates one assignment per eligible vehicle; vehicle events drive each assignment
 * through {@link io.pitwall.server.campaign.AssignmentLifecycle}; progress is counted by state and failure
 * category. (The phased, approved, gated orchestration replaces this minimal campaign later.)
 */
package io.pitwall.server.campaign;
