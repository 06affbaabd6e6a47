package io.pitwall.server.support;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Wraps the application's DataSource in a {@link StatementLog} in every test context. */
@TestConfiguration(proxyBeanMethods = false)
public class StatementLogging {

    @Bean
    static BeanPostProcessor statementLog() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof StatementLog)
                        ? new StatementLog(dataSource)
                        : bean;
            }
        };
    }
}
