package io.pitwall.server.audit;

import io.pitwall.server.audit.persistence.AuditRecords;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
