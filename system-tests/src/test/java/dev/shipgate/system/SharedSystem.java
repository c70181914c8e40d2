package dev.shipgate.system;

import dev.shipgate.testing.RunningSystem;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One system with the default settings ({@link RunningSystem#RunningSystem()}) for every system-test class that needs
 * no settings of its own: the first class to ask starts it, the end of the test run closes it (JUnit closes what its
 * root store holds). A class asks with {@code @ExtendWith(SharedSystem.class)} and a {@link RunningSystem} parameter
 * on its {@code @BeforeAll} method.
 *
 * <p>Classes sharing it see each other's data: they make their own images (a fresh digest), requests and grants
 * rather than counting what is there, and leave seeded settings (pipelines, users) as they found them.
 */
public final class SharedSystem implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSystem.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public RunningSystem resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningSystem.class, type -> new RunningSystem(), RunningSystem.class);
    }
}
