/** The device module's SQL: vehicle credentials and certificates, blocked vehicles. */
@OwnedTables({"vehicle_credential", "vehicle_certificate", "device_access"})
package io.pitwall.server.device.persistence;

import io.pitwall.server.shared.OwnedTables;
