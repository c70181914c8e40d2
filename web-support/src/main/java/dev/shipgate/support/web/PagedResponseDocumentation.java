package dev.shipgate.support.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the 200 answer of every {@link PagedResponse} endpoint once, the way {@link PagedAnswer} writes it: its
 * description and the {@code Link} (string) and {@code X-Total-Count} (int64) headers.
 */
public class PagedResponseDocumentation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (!handlerMethod.hasMethodAnnotation(PagedResponse.class)) {
            return operation;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse ok = operation.getResponses().computeIfAbsent("200", code -> new ApiResponse());
        ok.description(PagedAnswer.DESCRIPTION)
                .addHeaderObject(PagedAnswer.LINK, new Header().description(PagedAnswer.LINK_DESCRIPTION)
                        .schema(new StringSchema()))
                .addHeaderObject(PagedAnswer.TOTAL_COUNT, new Header().description(PagedAnswer.TOTAL_DESCRIPTION)
                        .schema(new IntegerSchema().format("int64")));
        return operation;
    }
}
