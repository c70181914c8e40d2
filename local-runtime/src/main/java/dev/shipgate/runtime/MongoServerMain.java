package dev.shipgate.runtime;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-compatible server (mongo-java-server) persisting to one H2 MVStore file. It has no multi-document
 * transactions and does not enforce TTL indexes; Shipgate needs neither.
 */
public final class MongoServerMain {

    /** Printed once the server holds its port: the launcher waits for it. */
    static final String LISTENING = "mongo-java-server listening on ";

    private MongoServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Args options = Args.parse(args);
        int port = options.port("port", 27017);
        Path dataDir = Path.of(options.value("data", ".shipgate/data/mongo")).toAbsolutePath();
        Files.createDirectories(dataDir);

        MongoServer server;
        try {
            H2Backend backend = new BsonH2Backend(dataDir.resolve("shipgate.mv").toString());
            backend.version(ServerVersion.MONGO_5_0);
            server = new MongoServer(backend);
            server.bind("127.0.0.1", port);
        } catch (Exception e) { // port taken (netty throws it unchecked), data file locked by another server
            StartFailure.exit("mongo-java-server", e);
            return;
        }
        System.out.println(LISTENING + server.getConnectionString() + ", data in " + dataDir);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // flushes and closes the H2 store
            stopped.countDown();
        }));
        stopped.await();
    }
}
