package dev.shipgate.tidyfixture;

/** Fixture: the service's root belongs to no feature; each feature wires its own adapters. */
public class FixtureApplication {
}
