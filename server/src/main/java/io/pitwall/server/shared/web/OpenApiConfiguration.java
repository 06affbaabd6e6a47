package io.pitwall.server.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // A JsonNode body or field is any JSON value the handler checks itself (a TUF document, a rule set, a
        // filter), not a bean: without this the document described JsonNode's getters as its properties.
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        JsonNode.class,
                        new Schema<>().description("Any JSON value; its shape is described by the operation"));
    }

    @Bean
    OpenAPI pitwallOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Pitwall API")
                        .version("v1")
                        .description("Management API (/api/v1) for OTA campaigns, inventory, catalog, diagnostics and"
                                + " audit. Errors are application/problem+json with a stable 'code' member.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSecuritySchemes(
                                "token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("API token issued with POST /api/v1/tokens")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
