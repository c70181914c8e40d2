package dev.shipgate.testing;

import dev.shipgate.support.web.ProblemHandling;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What one request body's published OpenAPI schema promises against what the server does with it. A subclass gives
 * the service, a complete valid body, and a controller that binds and validates the body at {@code POST /body} as
 * the real endpoint does ({@code @Valid @RequestBody}); web-support's {@link ProblemHandling} answers.
 * <ul>
 *   <li>The published document (system-tests/src/test/resources/openapi) requires exactly what springdoc generates
 *   from the body's constraints.</li>
 *   <li>Leaving out one field gets a 400 naming it when, and only when, the document marks it required.</li>
 *   <li>A field of the wrong type gets a 400 naming it.</li>
 * </ul>
 */
public abstract class RequestBodyContract {

    private final String service;
    private final Class<? extends Record> bodyType;
    private final String validBody;
    private final MockMvc mvc;

    protected RequestBodyContract(String service, Class<? extends Record> bodyType, String validBody,
                                  Object bodyOnlyController) {
        this.service = service;
        this.bodyType = bodyType;
        this.validBody = validBody;
        this.mvc = MockMvcBuilders.standaloneSetup(bodyOnlyController)
                .setControllerAdvice(new ProblemHandling()).build();
    }

    @Example
    void the_published_document_requires_what_the_constraints_require() {
        Set<String> published = RequestBodyFields.publishedRequired(service, bodyType.getSimpleName());
        check(published.equals(generatedRequired()), "the published " + service + " document requires " + published
                + " of " + bodyType.getSimpleName() + ", its constraints " + generatedRequired()
                + " (system-tests: SkeletonFlowIT with -Dshipgate.openapi.record=true writes the documents)");
    }

    @Example
    void the_complete_body_is_accepted() throws Exception {
        MockHttpServletResponse answer = send(validBody);
        check(answer.getStatus() == 200, "a complete body got " + answer.getStatus() + answer.getContentAsString());
    }

    @Property(tries = 60)
    void leaving_out_a_field_gets_a_400_naming_it_exactly_when_the_document_requires_it(
            @ForAll("fields") String field) throws Exception {
        MockHttpServletResponse answer = send(RequestBodyFields.without(validBody, field));
        if (generatedRequired().contains(field)) {
            check(answer.getStatus() == 400 && RequestBodyFields.namesField(answer.getContentAsString(), field),
                    "without " + field + ": " + answer.getStatus() + " " + answer.getContentAsString());
        } else {
            check(answer.getStatus() == 200, "without the optional " + field + ": " + answer.getStatus() + " "
                    + answer.getContentAsString());
        }
    }

    @Property(tries = 60)
    void a_field_of_the_wrong_type_gets_a_400_naming_it(@ForAll("fields") String field,
                                                        @ForAll RequestBodyFields.WrongType wrongType)
            throws Exception {
        Optional<String> mistyped = RequestBodyFields.mistyped(validBody, field, wrongType);
        Assume.that(mistyped.isPresent());
        MockHttpServletResponse answer = send(mistyped.get());
        check(answer.getStatus() == 400 && RequestBodyFields.namesField(answer.getContentAsString(), field),
                "mistyped (" + wrongType + ") " + field + ": " + answer.getStatus() + " "
                        + answer.getContentAsString());
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(Arrays.stream(bodyType.getRecordComponents()).map(c -> c.getName()).toList());
    }

    /** What springdoc publishes as required: swagger-core's reading of the body's constraints. */
    private Set<String> generatedRequired() {
        Schema<?> schema = ModelConverters.getInstance(true).read(bodyType).get(bodyType.getSimpleName());
        List<String> required = schema.getRequired();
        return required == null ? Set.of() : new TreeSet<>(required);
    }

    private MockHttpServletResponse send(String body) throws Exception {
        return mvc.perform(post("/body").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn()
                .getResponse();
    }

    private static void check(boolean holds, String otherwise) {
        if (!holds) {
            throw new AssertionError(otherwise);
        }
    }
}
