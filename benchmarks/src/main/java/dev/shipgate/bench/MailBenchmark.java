package dev.shipgate.bench;

import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.contracts.Topics;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Email throughput: notification-service turning events into mail in GreenMail (templates, delivery log, one SMTP
 * session per mail), against plain sends over one SMTP connection measured in the same run.
 * {@code ./shipgate bench mail [count]}.
 */
public final class MailBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (RunningSystem system = new RunningSystem(List.of("notification-service"), List.of());
             TopicWatcher topics = new TopicWatcher(system.infra, List.of(Topics.APPROVALS))) {
            System.out.println("Baseline: " + count + " plain sends over one SMTP connection ...");
            long start = System.nanoTime();
            plainSends(system.infra.smtpPort(), count);
            awaitInbox(system.infra.inboxUrl(), count);
            double baseline = count / ((System.nanoTime() - start) / 1e9);
            clearInbox(system.infra.inboxUrl());

            topics.publish(new UserAccessChanged("bench-user", "bench@example.com", "Bench", true, List.of(),
                    List.of()));
            Thread.sleep(3000); // the address book has it
            System.out.println("Shipgate: " + count + " approval events to mail ...");
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                topics.publish(new ImageApproved("ar-" + UUID.randomUUID(), new PipelineImage("pl-1", "payments",
                        "prod", "sha256:aa", "1.0." + i), "bench-user", List.of("bob"), Instant.now()));
            }
            awaitInbox(system.infra.inboxUrl(), count);
            double shipgate = count / ((System.nanoTime() - start) / 1e9);

            System.out.printf(Locale.ROOT, "%n%-52s %.0f mails/s%n", "baseline: plain sends over one SMTP connection",
                    baseline);
            System.out.printf(Locale.ROOT, "%-52s %.0f mails/s%n", "notification-service: event to delivered mail",
                    shipgate);
            System.out.printf(Locale.ROOT, "%nratio: %.2f of the baseline%n", shipgate / baseline);
        }
    }

    private static void plainSends(int smtpPort, int count) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("bench@localhost"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("bench@example.com"));
                message.setSubject("plain " + i);
                message.setText("plain body " + i);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
    }

    private static void awaitInbox(String inboxUrl, int count) throws Exception {
        while (inboxSize(inboxUrl) < count) {
            Thread.sleep(100);
        }
    }

    private static int inboxSize(String inboxUrl) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(inboxUrl + "/api/messages"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return JsonMapper.builder().build().readTree(body).size();
    }

    private static void clearInbox(String inboxUrl) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(inboxUrl + "/api/messages")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private MailBenchmark() {
    }
}
