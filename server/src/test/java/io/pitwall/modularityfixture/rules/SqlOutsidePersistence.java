package io.pitwall.modularityfixture.rules;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs SQL outside a persistence package. */
class SqlOutsidePersistence {

    private final JdbcClient jdbc;

    SqlOutsidePersistence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }
}
