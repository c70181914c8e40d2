package dev.shipgate.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.Topics;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalInfraTest {

    private static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfra.start();
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void a_server_whose_port_is_taken_exits_and_is_never_taken_for_ready() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path dir = Files.createTempDirectory("taken-port");
            ManagedProcess mongo = new ManagedProcess("mongo", System.getProperty("java.class.path"),
                    MongoServerMain.class.getName(), JvmOptions.of(JvmOptions.MONGO),
                    List.of("--port", Integer.toString(taken.getLocalPort()), "--data", dir.toString()),
                    dir.resolve("mongo.log")).start();
            try {
                assertThatThrownBy(() -> mongo.awaitReady(Duration.ofSeconds(60),
                        LocalInfra.listening(mongo, MongoServerMain.LISTENING, taken.getLocalPort())))
                        .hasMessageContaining("mongo exited with 1");
                assertThat(Files.readString(dir.resolve("mongo.log"))).contains("could not start");
            } finally {
                mongo.kill();
            }
        }
    }

    @Test
    void the_kafka_broker_carries_a_message_from_its_owner_to_a_consumer() throws Exception {
        String key = "infra-test-" + java.util.UUID.randomUUID();
        Map<String, Object> producerConfig = infra.kafkaClient(KafkaAccess.DEPLOY);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<String, String>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS, key, "hello")).get();
        }
        Map<String, Object> consumerConfig = infra.kafkaClient(KafkaAccess.NOTIFICATION);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "notification-service.infra-test-" + key);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DEPLOYMENTS));
            var values = new java.util.ArrayList<String>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
            assertThat(values).containsExactly("hello");
        }
    }

    @Test
    void the_mongo_server_keeps_documents_across_a_restart() {
        try (MongoClient client = MongoClients.create(infra.mongoUri())) {
            client.getDatabase("infra").getCollection("things").insertOne(new Document("_id", "a").append("n", 1));
        }

        infra.mongo().stop();
        infra.mongo().start();
        infra.awaitMongo();

        try (MongoClient client = MongoClients.create(infra.mongoUri())) {
            Document found = client.getDatabase("infra").getCollection("things").find().first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(1);
        }
    }

    @Test
    void mail_sent_over_smtp_shows_in_the_inbox_api() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(infra.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("shipgate@localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("Approval requested");
        message.setText("please approve <b>1.4.2</b>");
        Transport.send(message);

        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.inboxUrl() + "/api/messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        var page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.inboxUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("\"subject\":\"Approval requested\"", "bob@example.com");
        assertThat(page.body()).contains("please approve &lt;b&gt;1.4.2&lt;/b&gt;").doesNotContain("<b>1.4.2");
    }
}
