package io.pitwall.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Pitwall server: management API, device API and background reconcilers in one stateless node. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PitwallServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PitwallServerApplication.class, args);
    }
}
