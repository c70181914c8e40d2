package dev.shipgate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of the local system's processes, kept in one place for {@code ./shipgate up}, {@link LocalInfra},
 * RunningSystem and the benchmarks: the Java launcher argument files {@code jvm/common.options} and
 * {@code jvm/<process>.options} in this module's resources (the script passes them as {@code @file}). A line's
 * options are separated by blanks; {@code #} starts a comment to the end of the line.
 */
public final class JvmOptions {

    /** The four Spring Boot services share one file. */
    public static final String SERVICE = "service";
    public static final String KAFKA = "kafka";
    public static final String MONGO = "mongo";
    public static final String MAIL = "mail";

    private JvmOptions() {
    }

    /**
     * @param process {@link #SERVICE}, {@link #KAFKA}, {@link #MONGO} or {@link #MAIL}
     * @return the common options, then the process's own, in file order
     * @throws IllegalArgumentException for a process with no options file
     */
    public static List<String> of(String process) {
        List<String> options = new ArrayList<>(read("common"));
        options.addAll(read(process));
        return List.copyOf(options);
    }

    static List<String> read(String name) {
        String resource = "/jvm/" + name + ".options";
        try (InputStream in = JvmOptions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no JVM options file " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parse(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String withoutComment = line.replaceFirst("#.*", "").strip();
            if (!withoutComment.isEmpty()) {
                options.addAll(List.of(withoutComment.split("\\s+")));
            }
        }
        return options;
    }
}
