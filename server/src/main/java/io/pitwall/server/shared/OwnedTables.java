package io.pitwall.server.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a module's {@code persistence} package, the tables that module owns: only its own classes write
 * them, and another module names them in SQL only inside a class whose simple name ends with {@code ReadModel}
 * in its own {@code persistence} package (a declared, read-only view of foreign tables). Every table of the
 * schema has exactly one owner; {@code ForeignTableReadsTests} checks both against the migrated schema and the
 * SQL of every class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface OwnedTables {

    /** Table names in lower case, as the migrations create them. */
    String[] value();
}
