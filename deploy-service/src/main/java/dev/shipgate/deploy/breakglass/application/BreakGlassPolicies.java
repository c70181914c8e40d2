package dev.shipgate.deploy.breakglass.application;

import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;

import java.util.Optional;

/** Each pipeline's break-glass policy, if it has one. */
public interface BreakGlassPolicies {

    Optional<BreakGlassPolicy> find(String pipelineId);

    /** Creates or replaces the pipeline's policy. */
    void save(BreakGlassPolicy policy);

    void delete(String pipelineId);
}
