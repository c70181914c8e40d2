package dev.shipgate.runtime;

/** What a server's main does when the server cannot start. */
final class StartFailure {

    private StartFailure() {
    }

    /**
     * Says why and ends the JVM at once: threads the server did start would keep it alive half started, and the
     * launcher would wait for it (or take whatever holds the port for it).
     */
    static void exit(String server, Exception cause) {
        System.err.println(server + " could not start: " + cause);
        System.exit(1);
    }
}
