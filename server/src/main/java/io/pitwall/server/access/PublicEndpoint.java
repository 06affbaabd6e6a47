package io.pitwall.server.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that answers without any credential. Its routes must also be listed among the public
 * routes of the security configuration; a handler that declares neither this, a
 * {@link RequiresPermission} nor an {@link AuthenticatedVehicle} parameter is refused for everyone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {

    /** Why this is safe to serve to anyone (read in reviews, not at run time). */
    String value();
}
