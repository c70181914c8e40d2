package dev.shipgate.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A child JVM running one main class on the given classpath, its output in a log file. */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private Process process;
    private long logStart; // the log's length when this run of the process began

    public ManagedProcess(String name, String classpath, String mainClass, List<String> jvmOptions,
                          List<String> args, Path logFile) {
        this.name = name;
        this.logFile = logFile;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    /**
     * Adds environment variables for the process (from its next start): secrets go here, not on the command line,
     * where every user of the machine can read them.
     */
    public synchronized ManagedProcess withEnvironment(java.util.Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public synchronized ManagedProcess start() {
        if (isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(logFile.getParent());
            logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Graceful stop (SIGTERM), then forced after a timeout. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            awaitExit(Duration.ofSeconds(20));
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /** SIGKILL: no shutdown hook runs, as when a machine dies. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(20));
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Resident memory of the process as the kernel counts it (Linux), 0 when it is not running. */
    public long residentBytes() {
        if (!isAlive()) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process just ended
        }
        return 0;
    }

    /** CPU time the process has used so far (user and system), zero once it ended or where the OS does not say. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether this run of the process has printed the text (lines of earlier runs in the log do not count). */
    public boolean printedSinceStart(String text) {
        try (SeekableByteChannel log = Files.newByteChannel(logFile)) {
            log.position(logStart);
            return new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code ready} answers true, for the timeout stretched by {@link StartPatience} (a loaded machine
     * starts processes slower; the limit only decides when to give up).
     *
     * @throws IllegalStateException when the process exits first or is not ready in time
     */
    public void awaitReady(Duration limit, BooleanSupplier ready) {
        Duration timeout = StartPatience.stretch(limit);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + logFile);
    }

    public static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
