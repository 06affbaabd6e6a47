package io.pitwall.server.audit;

import io.pitwall.server.audit.internal.AuditIntake;
import io.pitwall.server.audit.internal.ChainSealer;
import io.pitwall.server.audit.internal.SealerConnections;
import io.pitwall.server.audit.persistence.AuditRecords;
import io.pitwall.server.shared.PeriodicTask;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditRecords auditRecords(DataSource dataSource) {
        return new AuditRecords(dataSource);
    }

    @Bean
    AuditChainVerifier auditChainVerifier(AuditRecords records) {
        return new AuditChainVerifier(records);
    }

    @Bean
    SealerConnections sealerConnections(DataSource dataSource) {
        return SealerConnections.to(dataSource);
    }

    @Bean
    ChainSealer chainSealer(SealerConnections connections, AuditSettings settings) {
        // Its own transactions on its own connections: it runs inside other transactions' after-commit phase.
        var transactions = new TransactionTemplate(new JdbcTransactionManager(connections.dataSource()));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new ChainSealer(new AuditRecords(connections.dataSource()), transactions, settings.sealBatch());
    }

    /**
     * Records committed but not yet chained (a node died between a commit and its seal, or a seal failed)
     * get chained at start and every interval, without waiting for the next audited change.
     */
    @Bean
    PeriodicTask auditChainSweeper(ChainSealer sealer, AuditSettings settings) {
        return new PeriodicTask("audit-chain-sweeper", Duration.ZERO, settings.sealInterval(), sealer::sweep);
    }

    @Bean
    AuditIntake auditIntake(AuditRecords records, ChainSealer sealer, PlatformTransactionManager transactionManager) {
        return new AuditIntake(records, sealer, new TransactionTemplate(transactionManager));
    }
}
