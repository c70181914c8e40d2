package dev.shipgate.testing;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries between the features of a service, for {@code ArchTests.in(FeatureBoundaries.class)} beside
 * {@link Layering}. A feature is the package right under a service's root, {@code dev.shipgate.<service>.<feature>}
 * (e.g. {@code dev.shipgate.approval.access}); classes in the root itself (the application class) belong to none.
 */
public final class FeatureBoundaries {

    /** The feature packages of a service: {@code dev.shipgate.<service>.<feature>..}, one slice per feature. */
    public static final String FEATURE_SLICES = "dev.shipgate.*.(*)..";

    /** Features depend on each other in one direction only, so each can be read (and changed) without the other. */
    @ArchTest
    public static final ArchRule features_are_free_of_cycles = slices().matching(FEATURE_SLICES)
            .namingSlices("feature $1")
            .should().beFreeOfCycles();

    /**
     * A feature's adapters (its controllers, listeners and stores) are its own: another feature reaches it through
     * its application or domain types, never through how it is stored or served.
     */
    @ArchTest
    public static final ArchRule adapters_are_used_only_by_their_feature = classes()
            .that().resideInAPackage("dev.shipgate..")
            .should(useNoAdapterOfAnotherFeature());

    /**
     * A feature's adapters are package-private: what nothing outside the adapter package may name is not public, so
     * even a use the dependency rule above cannot see (a compile-time constant such as a collection name, which the
     * compiler copies into the user) does not compile. Wiring is in each feature's own {@code @Configuration} beside
     * its adapters; another feature's code or test reaches them through their ports.
     */
    @ArchTest
    public static final ArchRule adapters_are_package_private = classes()
            .that().resideInAPackage("dev.shipgate..adapter..").and().areTopLevelClasses()
            .should().notBePublic();

    private FeatureBoundaries() {
    }

    private static ArchCondition<JavaClass> useNoAdapterOfAnotherFeature() {
        return new ArchCondition<>("use no adapter of another feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> ownFeature = FeaturePackage.of(origin).map(FeaturePackage::feature);
                if (ownFeature.isEmpty()) {
                    return; // the service's root (its application class) belongs to no feature
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    FeaturePackage.of(dependency.getTargetClass())
                            .filter(FeaturePackage::isAdapter)
                            .filter(target -> !Optional.of(target.feature()).equals(ownFeature))
                            .ifPresent(target -> events.add(
                                    SimpleConditionEvent.violated(dependency, dependency.getDescription())));
                }
            }
        };
    }

    /**
     * Where a class sits: {@code dev.shipgate.<service>.<feature>.<layer>..}; {@code feature} is
     * {@code <service>.<feature>} so that equal feature names of two services stay apart.
     */
    private record FeaturePackage(String feature, String layer) {

        static Optional<FeaturePackage> of(JavaClass javaClass) {
            String[] parts = javaClass.getPackageName().split("\\.");
            if (parts.length < 4 || !parts[0].equals("dev") || !parts[1].equals("shipgate")) {
                return Optional.empty();
            }
            return Optional.of(new FeaturePackage(parts[2] + "." + parts[3], parts.length > 4 ? parts[4] : ""));
        }

        boolean isAdapter() {
            return layer.equals("adapter");
        }
    }
}
