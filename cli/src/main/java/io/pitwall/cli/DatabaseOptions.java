package io.pitwall.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the data lives: the embedded H2 database under the data directory, or an external JDBC database. */
class DatabaseOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "./data",
            paramLabel = "DIR",
            description = "Data directory: embedded database, artifacts, logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description =
                    "External database, e.g. jdbc:postgresql://db:5432/pitwall (default: embedded H2 in the data directory).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (with --db-url).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password (with --db-url).")
    String dbPassword;

    void validate(picocli.CommandLine commandLine) {
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
            throw new picocli.CommandLine.ParameterException(
                    commandLine, "--db-url must be a jdbc:postgresql: or jdbc:h2: URL, got '" + dbUrl + "'");
        }
        if (dbUrl == null && (dbUser != null || dbPassword != null)) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--db-user and --db-password need --db-url");
        }
    }

    String jdbcUrl() {
        return dbUrl != null
                ? dbUrl
                : "jdbc:h2:file:"
                        + dataDir.toAbsolutePath().normalize().resolve("db").resolve("pitwall")
                        + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /** For tools that read an existing database: never create an empty embedded one. */
    String existingJdbcUrl() {
        return dbUrl != null ? dbUrl : jdbcUrl() + ";IFEXISTS=TRUE";
    }

    String user() {
        return dbUrl != null ? dbUser : "pitwall";
    }

    String password() {
        return dbUrl != null ? dbPassword : "pitwall";
    }

    /** The same settings as Spring Boot arguments. */
    List<String> asServerArguments() {
        List<String> args = new ArrayList<>();
        args.add("--pitwall.data-dir=" + dataDir.toAbsolutePath().normalize());
        args.add("--spring.datasource.url=" + jdbcUrl());
        if (user() != null) {
            args.add("--spring.datasource.username=" + user());
        }
        if (password() != null) {
            args.add("--spring.datasource.password=" + password());
        }
        return args;
    }
}
