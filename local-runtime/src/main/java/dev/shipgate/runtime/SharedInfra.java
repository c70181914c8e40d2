package dev.shipgate.runtime;

/** One {@link LocalInfra} per test JVM, started on first use and stopped when the JVM exits. */
public final class SharedInfra {

    private static LocalInfra infra;

    private SharedInfra() {
    }

    public static synchronized LocalInfra get() {
        if (infra == null) {
            infra = LocalInfra.start();
        }
        return infra;
    }
}
