package dev.shipgate.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The shared architecture rules catch what they are named after: each fails on a fixture that breaks it on purpose
 * ({@code dev.shipgate.cyclefixture}, {@code leakfixture}, {@code frameworkfixture},
 * {@code valuefixture}) and passes on a tidy one.
 */
class FeatureBoundariesTest {

    private static final JavaClasses TIDY = fixture("tidyfixture");

    @Test
    void a_cycle_between_two_features_fails() {
        assertThat(violations(FeatureBoundaries.features_are_free_of_cycles, fixture("cyclefixture")))
                .contains("feature orders", "feature billing", "Order", "Invoice");
    }

    @Test
    void a_feature_using_another_features_adapter_fails() {
        assertThat(violations(FeatureBoundaries.adapters_are_used_only_by_their_feature, fixture("leakfixture")))
                .contains("leakfixture.orders.adapter.OrderController", "leakfixture.billing.adapter.InvoiceTable");
    }

    @Test
    void a_public_adapter_fails() {
        assertThat(violations(FeatureBoundaries.adapters_are_package_private, fixture("leakfixture")))
                .contains("leakfixture.billing.adapter.InvoiceTable", "public");
    }

    @Test
    void a_domain_type_using_kafka_fails() {
        assertThat(violations(Layering.domain_has_no_framework, fixture("frameworkfixture")))
                .contains("frameworkfixture.orders.domain.Order", "org.apache.kafka");
    }

    @Test
    void a_property_read_through_value_fails() {
        assertThat(violations(TypedSettings.no_value_injection, fixture("valuefixture")))
                .contains("valuefixture.orders.adapter.OrderConfiguration.pollEvery", "@Value parameter");
    }

    @Test
    void a_tidy_service_passes_every_rule() {
        for (ArchRule rule : new ArchRule[]{FeatureBoundaries.features_are_free_of_cycles,
                FeatureBoundaries.adapters_are_used_only_by_their_feature,
                FeatureBoundaries.adapters_are_package_private, Layering.domain_has_no_framework,
                Layering.application_does_not_use_adapters, Layering.application_has_no_web_kafka_or_mongo,
                TypedSettings.no_value_injection}) {
            assertThatCode(() -> rule.check(TIDY)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages("dev.shipgate." + name);
    }

    /** The report of a rule that must fail on these classes. */
    private static String violations(ArchRule rule, JavaClasses classes) {
        var result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as(rule.getDescription() + " fails").isTrue();
        return result.getFailureReport().toString();
    }
}
