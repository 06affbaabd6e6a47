package io.pitwall.cli;

import io.pitwall.server.audit.AuditChainVerifier;
import io.pitwall.server.audit.ChainReport;
import io.pitwall.server.audit.persistence.AuditRecords;
import java.util.concurrent.Callable;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Audit trail tools.",
        subcommands = AuditCommand.Verify.class)
class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Verifies the hash chain of the audit trail in a database. Exit code 0: intact; 1: broken.")
    static class Verify implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            database.validate(spec.commandLine());
            var dataSource =
                    new DriverManagerDataSource(database.existingJdbcUrl(), database.user(), database.password());
            long started = System.nanoTime();
            ChainReport report = new AuditChainVerifier(new AuditRecords(dataSource)).verify();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (report.pending() > 0) {
                System.out.printf("%d committed records are waiting to be chained%n", report.pending());
            }
            if (report.intact()) {
                System.out.printf("Audit chain intact: %d records verified in %d ms%n", report.length(), millis);
                return 0;
            }
            System.out.printf(
                    "Audit chain BROKEN at record %d: %s (%d records checked)%n",
                    report.firstBadSeq(), report.problem(), report.length());
            return 1;
        }
    }
}
