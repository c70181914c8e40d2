package dev.shipgate.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JVM options have one place, which the JVM accepts and the script and the tests both use. */
class JvmOptionsTest {

    @Test
    void comments_and_blank_lines_are_not_options() {
        assertThat(JvmOptions.parse("# why\n-Xmx64m   # trailing\n\n  -XX:+UseSerialGC -Xss1m\r\n"))
                .containsExactly("-Xmx64m", "-XX:+UseSerialGC", "-Xss1m");
    }

    @Test
    void a_process_without_a_file_is_refused() {
        assertThatThrownBy(() -> JvmOptions.of("nosuch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/jvm/nosuch.options");
    }

    @ParameterizedTest
    @ValueSource(strings = {JvmOptions.SERVICE, JvmOptions.KAFKA, JvmOptions.MONGO, JvmOptions.MAIL})
    void every_process_gets_the_common_options_and_a_bounded_heap_the_jvm_accepts(String process)
            throws IOException, InterruptedException {
        List<String> options = JvmOptions.of(process);
        assertThat(options).containsSubsequence(JvmOptions.read("common"))
                .anyMatch(option -> option.startsWith("-Xmx"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
    }

    @Test
    void the_script_starts_every_process_with_these_files_and_no_options_of_its_own() throws IOException {
        String script = Files.readString(Path.of("..", "shipgate"));
        // what trains and starts the system (the benchmark driver's own JVM is not part of it)
        String starting = script.substring(script.indexOf("prepare_fast_start() {"), script.indexOf("stop_one() {"));
        assertThat(script).contains("JVM_OPTIONS=\"$ROOT/local-runtime/src/main/resources/jvm\"")
                .contains("jvm_options kafka", "jvm_options mongo", "jvm_options mail", "jvm_options service");
        assertThat(starting).contains("SERVICE_JVM")
                .doesNotContainPattern("-Xm[xsn]\\d")
                .doesNotContain("-XX:+UseSerialGC", "TieredStopAtLevel");
    }
}
