package dev.shipgate.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain is plain Java; the application layer knows no adapter. */
@AnalyzeClasses(packages = "dev.shipgate.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
                    "org.springframework.kafka..", "org.springframework.data..", "org.apache.kafka..",
                    "com.mongodb..");
}
