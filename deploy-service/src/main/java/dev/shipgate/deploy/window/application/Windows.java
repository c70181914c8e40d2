package dev.shipgate.deploy.window.application;

import dev.shipgate.deploy.window.domain.DeploymentWindow;

import java.util.List;
import java.util.Optional;

/** Stored deployment windows, of pipelines and as policies. */
public interface Windows {

    void insert(DeploymentWindow window);

    Optional<DeploymentWindow> find(String id);

    /** Removes it; false when there was none. */
    boolean delete(String id);

    List<DeploymentWindow> all();
}
