package dev.shipgate.approval.token.application;

import dev.shipgate.approval.token.domain.ApiToken;
import dev.shipgate.contracts.EventPayload;

import java.util.List;
import java.util.Optional;

public interface ApiTokenStore {

    void save(ApiToken token, List<EventPayload> events);

    Optional<ApiToken> find(String id);

    /** Newest first; every user's when {@code userId} is null. */
    List<ApiToken> list(String userId);
}
