package dev.shipgate.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database commands each service sent in a window, counted from the MongoDB driver's command log
 * ({@code org.mongodb.driver.protocol.command} at DEBUG, which the benchmark turns on only when asked to count:
 * the log itself costs CPU). Commands are grouped by service, command name and collection.
 */
final class CommandCount {

    /** Spring argument that makes every service log each command the driver sends. */
    static final String LOG_COMMANDS = "--logging.level.org.mongodb.driver.protocol.command=DEBUG";
    private static final Pattern STARTED = Pattern.compile(
            "Command \\\\?\"(\\w+)\\\\?\" started.*?Command: \\{\\\\?\"\\w+\\\\?\": \\\\?\"([\\w.-]+)");

    private final Map<String, Path> logs;
    private final Map<String, Long> from = new LinkedHashMap<>();

    CommandCount(Path logDir, List<String> services) {
        logs = new LinkedHashMap<>();
        services.forEach(name -> logs.put(name, logDir.resolve(name + ".log")));
        logs.forEach((name, log) -> from.put(name, size(log)));
    }

    /** Prints the commands logged since construction, per flow. */
    void print(int flows) {
        System.out.printf(Locale.ROOT, "%nMongoDB commands per flow (%d flows, from the driver's command log):%n",
                flows);
        double total = 0;
        for (Map.Entry<String, Path> entry : logs.entrySet()) {
            Map<String, Integer> counts = count(entry.getValue(), from.get(entry.getKey()));
            int serviceTotal = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (serviceTotal == 0) {
                continue;
            }
            total += serviceTotal;
            System.out.printf(Locale.ROOT, "  %-22s %6.2f%n", entry.getKey(), serviceTotal / (double) flows);
            counts.forEach((command, count) -> System.out.printf(Locale.ROOT, "      %-40s %6.2f%n", command,
                    count / (double) flows));
        }
        System.out.printf(Locale.ROOT, "  %-22s %6.2f%n", "total", total / flows);
    }

    private static Map<String, Integer> count(Path log, long offset) {
        Map<String, Integer> counts = new TreeMap<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] rest = new byte[(int) (file.length() - offset)];
            file.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                Matcher matcher = STARTED.matcher(line);
                if (matcher.find()) {
                    counts.merge(matcher.group(1) + " " + matcher.group(2), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    private static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
