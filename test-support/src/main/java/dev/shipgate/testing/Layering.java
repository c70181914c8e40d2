package dev.shipgate.testing;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every service keeps, for {@code ArchTests.in(Layering.class)}: the domain is plain Java, and the
 * application layer knows neither adapters nor the web, Kafka or MongoDB.
 */
public final class Layering {

    @ArchTest
    static final ArchRule domain_has_no_framework = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "com.mongodb..", "org.bson..", "jakarta..", "tools.jackson..", "com.fasterxml..");

    @ArchTest
    static final ArchRule application_does_not_use_adapters = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAPackage("..adapter..");

    @ArchTest
    static final ArchRule application_has_no_web_kafka_or_mongo = noClasses().that()
            .resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                    "org.springframework.kafka..", "org.springframework.cloud.stream..", "org.springframework.data..",
                    "org.apache.kafka..",
                    "com.mongodb..");

    private Layering() {
    }
}
