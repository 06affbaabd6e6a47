package io.pitwall.server.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This node's lease-holder name, resolved once at start and unlocked at shutdown. */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

    @Bean
    NodeIdentity nodeIdentity(NodeSettings settings) {
        return NodeIdentity.of(settings);
    }
}
