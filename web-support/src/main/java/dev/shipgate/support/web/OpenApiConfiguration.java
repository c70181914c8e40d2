package dev.shipgate.support.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import dev.shipgate.support.web.live.ChangeStreamDocumentation;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI document (springdoc, at /v3/api-docs, through the gateway at /api/docs/{service}) says who
 * it is and that every operation takes a bearer token; errors are application/problem+json.
 */
@AutoConfiguration
@EnableConfigurationProperties(ServiceName.class)
public class OpenApiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public OpenAPI shipgateOpenApi(ServiceName serviceName) {
        String service = serviceName.name();
        return new OpenAPI()
                .info(new Info().title("Shipgate " + service).version("v1").description("The HTTP API of " + service
                        + ". Every call needs a bearer token; refusals and bad input are answered as "
                        + "application/problem+json with a reason code."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    public PagedResponseDocumentation pagedResponseDocumentation() {
        return new PagedResponseDocumentation();
    }

    @Bean
    public ChangeStreamDocumentation changeStreamDocumentation() {
        return new ChangeStreamDocumentation();
    }
}
