package dev.shipgate.support.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagedResponseDocumentationTest {

    private final PagedResponseDocumentation documentation = new PagedResponseDocumentation();

    @SuppressWarnings("unused")
    static class Endpoints {
        @PagedResponse
        List<String> paged() {
            return List.of();
        }

        List<String> whole() {
            return List.of();
        }
    }

    @Test
    void a_paged_endpoint_documents_its_headers_and_keeps_its_body() throws NoSuchMethodException {
        ApiResponse ok = new ApiResponse().description("OK");
        Operation operation = new Operation().responses(new ApiResponses().addApiResponse("200", ok));

        documentation.customize(operation, handler("paged"));

        assertThat(ok.getDescription()).isEqualTo(PagedAnswer.DESCRIPTION);
        assertThat(ok.getHeaders()).containsOnlyKeys(PagedAnswer.LINK, PagedAnswer.TOTAL_COUNT);
        assertThat(ok.getHeaders().get(PagedAnswer.LINK).getSchema().getType()).isEqualTo("string");
        assertThat(ok.getHeaders().get(PagedAnswer.TOTAL_COUNT).getSchema().getFormat()).isEqualTo("int64");
    }

    @Test
    void an_endpoint_without_the_mark_is_left_as_it_is() throws NoSuchMethodException {
        ApiResponse ok = new ApiResponse().description("OK");
        Operation operation = new Operation().responses(new ApiResponses().addApiResponse("200", ok));

        documentation.customize(operation, handler("whole"));

        assertThat(ok.getDescription()).isEqualTo("OK");
        assertThat(ok.getHeaders()).isNull();
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Endpoints(), Endpoints.class.getDeclaredMethod(name));
    }
}
