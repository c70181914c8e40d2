package dev.shipgate.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The production setup script says what the local broker does: the ACLs have one source, KafkaAccess. */
class KafkaAccessScriptTest {

    @Test
    void deploy_kafka_setup_sh_is_generated_from_the_access_rules() throws IOException {
        Path script = Path.of("..", "deploy", "kafka", "setup.sh");
        assertThat(Files.readString(script)).as("regenerate " + script + " with KafkaAccess.main")
                .isEqualTo(KafkaAccess.setupScript());
    }
}
