package dev.shipgate.support.config;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedSectionsTest {

    private static ByteArrayResource file(String json) {
        return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_section_gives_its_entries_in_file_order_and_a_missing_one_gives_none() throws Exception {
        var seed = file("{\"pipelines\": [{\"id\": \"b\"}, {\"id\": \"a\"}], \"windows\": []}");

        assertThat(SeedSections.entries(seed, "pipelines")).extracting(node -> node.path("id").asString())
                .containsExactly("b", "a");
        assertThat(SeedSections.entries(seed, "windows")).isEmpty();
        assertThat(SeedSections.entries(seed, "breakGlass")).isEmpty();
    }

    @Test
    void no_file_or_a_missing_file_seeds_nothing_and_a_file_that_is_not_json_is_refused() throws Exception {
        assertThat(SeedSections.entries(null, "pipelines")).isEmpty();
        assertThat(SeedSections.entries(new FileSystemResource(Path.of("target", "no-such-seed.json")),
                "pipelines")).isEmpty();
        assertThatThrownBy(() -> SeedSections.entries(file("{pipelines: ["), "pipelines"))
                .isInstanceOf(JacksonException.class);
    }
}
