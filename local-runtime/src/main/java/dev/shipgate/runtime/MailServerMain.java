package dev.shipgate.runtime;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * GreenMail as the SMTP server, plus a small HTTP inbox: {@code GET /api/messages} (JSON) for tests and tools, and
 * {@code GET /} (HTML) for people.
 */
public final class MailServerMain {

    /** Printed once both servers hold their ports: the launcher waits for it. */
    static final String LISTENING = "GreenMail SMTP on ";

    private MailServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Args options = Args.parse(args);
        int smtpPort = options.port("smtp-port", 3025);
        int httpPort = options.port("http-port", 8025);

        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        HttpServer http;
        try {
            greenMail.start();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 16);
        } catch (Exception e) { // a port taken
            StartFailure.exit("GreenMail", e);
            return;
        }
        new MailInbox(greenMail).register(http);
        http.start();
        System.out.println(LISTENING + "127.0.0.1:" + smtpPort + ", inbox on http://127.0.0.1:" + httpPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            greenMail.stop();
            stopped.countDown();
        }));
        stopped.await();
    }
}
