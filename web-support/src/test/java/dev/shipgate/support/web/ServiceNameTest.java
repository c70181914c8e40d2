package dev.shipgate.support.web;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** spring.application.name is bound once, as {@link ServiceName}, and a service without one does not start. */
class ServiceNameTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenApiConfiguration.class));

    @Test
    void the_openapi_document_names_the_service() {
        context.withPropertyValues("spring.application.name=deploy-service").run(started -> {
            assertThat(started.getBean(ServiceName.class).name()).isEqualTo("deploy-service");
            assertThat(started.getBean(OpenAPI.class).getInfo().getTitle()).isEqualTo("Shipgate deploy-service");
        });
    }

    @Test
    void a_missing_or_blank_name_stops_the_start_naming_the_property() {
        context.run(started -> assertThat(started).getFailure().rootCause()
                .hasMessage("spring.application.name must name the service (approval-service, deploy-service...), "
                        + "was unset"));
        context.withPropertyValues("spring.application.name= ").run(started -> assertThat(started).getFailure()
                .rootCause().hasMessageContaining("was blank"));
    }
}
