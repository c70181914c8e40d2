package dev.shipgate.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system-test classes run beside each other only as {@code junit-platform.properties} means: a class marked
 * {@code @Execution(CONCURRENT)} (one with a system of its own) gives each of its tests {@code SAME_THREAD}, since a
 * test inherits its class's mode and would otherwise run beside its siblings (killing what they use); and no class on
 * the shared system runs beside the others. No system is started.
 */
class ExecutionModesIT {

    @Test
    void concurrent_classes_run_their_tests_one_after_another_and_shared_ones_never_beside_the_others()
            throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> type : systemTestClasses()) {
            Execution mode = type.getAnnotation(Execution.class);
            boolean concurrent = mode != null && mode.value() == ExecutionMode.CONCURRENT;
            if (concurrent && type.getAnnotation(org.junit.jupiter.api.extension.ExtendWith.class) != null) {
                wrong.add(type.getSimpleName() + " is on the shared system and runs beside the other classes");
            }
            for (Method test : type.getDeclaredMethods()) {
                Execution testMode = test.getAnnotation(Execution.class);
                if (concurrent && test.isAnnotationPresent(Test.class)
                        && (testMode == null || testMode.value() != ExecutionMode.SAME_THREAD)) {
                    wrong.add(type.getSimpleName() + "." + test.getName() + " lacks @Execution(SAME_THREAD)");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<Class<?>> systemTestClasses() throws IOException, ClassNotFoundException {
        String packageName = ExecutionModesIT.class.getPackageName();
        Path folder = Path.of("target", "test-classes").resolve(packageName.replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (String name : files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith("IT.class")).sorted().toList()) {
                classes.add(Class.forName(packageName + "." + name.replace(".class", ""), false,
                        ExecutionModesIT.class.getClassLoader()));
            }
        }
        assertThat(classes).as("system-test classes found in " + folder).hasSizeGreaterThan(10);
        assertThat(classes.stream().filter(type -> Arrays.stream(type.getDeclaredMethods())
                .anyMatch(m -> m.isAnnotationPresent(Test.class))).count()).isGreaterThan(10);
        return classes;
    }
}
