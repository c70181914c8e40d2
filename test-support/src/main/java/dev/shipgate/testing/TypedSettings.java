package dev.shipgate.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Settings come from typed {@code @ConfigurationProperties} records validated at start, for
 * {@code ArchTests.in(TypedSettings.class)}: a {@code @Value} on a field, method or parameter reads one property
 * apart from its record, with its default written where it is read (issue 22 found 36 of them, one default six times).
 */
public final class TypedSettings {

    static final String VALUE = "org.springframework.beans.factory.annotation.Value";

    @ArchTest
    public static final ArchRule no_value_injection = classes().that().resideInAPackage("dev.shipgate..")
            .should(new ArchCondition<JavaClass>("read no property through @Value") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    for (JavaField field : javaClass.getFields()) {
                        if (field.isAnnotatedWith(VALUE)) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName() + " has @Value"));
                        }
                    }
                    for (JavaCodeUnit code : javaClass.getCodeUnits()) {
                        if (code.isAnnotatedWith(VALUE)) {
                            events.add(SimpleConditionEvent.violated(code, code.getFullName() + " has @Value"));
                        }
                        for (JavaParameter parameter : code.getParameters()) {
                            if (parameter.isAnnotatedWith(VALUE)) {
                                events.add(SimpleConditionEvent.violated(parameter,
                                        code.getFullName() + " has a @Value parameter"));
                            }
                        }
                    }
                }
            });

    private TypedSettings() {
    }
}
