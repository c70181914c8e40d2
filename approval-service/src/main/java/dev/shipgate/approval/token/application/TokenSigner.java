package dev.shipgate.approval.token.application;

import dev.shipgate.approval.token.domain.ApiToken;

/** Turns a token's record into the signed bearer token its holder sends. */
@FunctionalInterface
public interface TokenSigner {

    String sign(ApiToken token);
}
