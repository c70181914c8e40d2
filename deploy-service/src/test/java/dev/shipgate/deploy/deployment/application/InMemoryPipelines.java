package dev.shipgate.deploy.deployment.application;

import dev.shipgate.deploy.pipeline.application.Pipelines;
import dev.shipgate.deploy.pipeline.domain.ApprovalSettings;
import dev.shipgate.deploy.pipeline.domain.Pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Pipelines} in memory for unit tests; every pipeline added is shop / payments / prod. */
public final class InMemoryPipelines implements Pipelines {

    private final Map<String, Pipeline> byId = new HashMap<>();

    public void add(String id, String target) {
        create(new Pipeline(id, "shop", "payments", "prod", target, null, "ROLLING", ApprovalSettings.none(),
                Pipeline.Trigger.MANUAL, null, false, 0));
    }

    @Override
    public void create(Pipeline pipeline) {
        byId.put(pipeline.id(), pipeline);
    }

    @Override
    public boolean update(Pipeline pipeline) {
        byId.put(pipeline.id(), pipeline);
        return true;
    }

    @Override
    public Optional<Pipeline> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Pipeline> all() {
        return List.copyOf(byId.values());
    }
}
