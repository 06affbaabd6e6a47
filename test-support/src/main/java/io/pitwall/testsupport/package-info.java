/**
 * What the tests of every module share: the one movable clock, the PostgreSQL condition and the fleet builder.
 * The management API client itself is {@code pitwall-client}, which this module brings along.
 */
package io.pitwall.testsupport;
