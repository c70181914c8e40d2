package dev.shipgate.approval;

import dev.shipgate.testing.ServiceCanvas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** approval-service/README.md is the canvas generated from the code and the contract documents (ServiceCanvas). */
class CanvasTest {

    static final String SERVICE = "approval-service";
    static final String BASE = "dev.shipgate.approval";

    @Test
    void the_readme_is_the_canvas_the_code_gives() throws IOException {
        ServiceCanvas.assertCurrent(SERVICE, BASE);
    }

    /**
     * The staleness check catches a change: a copy of this module whose application.yml moves a consumer to another
     * group, or whose README names an endpoint the code does not have, fails naming the line; the unchanged copy
     * passes.
     */
    @Test
    void a_changed_consumer_group_or_endpoint_makes_the_canvas_stale(@TempDir Path copy) throws IOException {
        Path yml = copyModule(copy);
        assertThatCode(() -> ServiceCanvas.assertCurrent(SERVICE, BASE, copy)).doesNotThrowAnyException();

        String original = Files.readString(yml);
        assertThat(original).contains("group: approval-service.deployments");
        Files.writeString(yml, original.replace("group: approval-service.deployments",
                "group: approval-service.deployments-moved"));
        assertThatThrownBy(() -> ServiceCanvas.assertCurrent(SERVICE, BASE, copy))
                .hasMessageContaining("is not the canvas the code gives now")
                .hasMessageContaining("approval-service.deployments-moved");

        Files.writeString(yml, original);
        Path readme = copy.resolve("README.md");
        Files.writeString(readme, Files.readString(readme).replace("`/api/access/users/{userId}`",
                "`/api/access/people/{userId}`"));
        assertThatThrownBy(() -> ServiceCanvas.assertCurrent(SERVICE, BASE, copy))
                .hasMessageContaining("/api/access/people/{userId}");
    }

    private static Path copyModule(Path copy) throws IOException {
        Files.copy(Path.of("README.md"), copy.resolve("README.md"));
        Files.copy(Path.of("README.template.md"), copy.resolve("README.template.md"));
        Path yml = copy.resolve("src/main/resources/application.yml");
        Files.createDirectories(yml.getParent());
        Files.copy(Path.of("src/main/resources/application.yml"), yml);
        return yml;
    }
}
