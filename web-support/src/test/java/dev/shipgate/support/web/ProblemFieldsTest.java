package dev.shipgate.support.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import org.springdoc.core.annotations.ParameterObject;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A query parameter of the wrong type or outside its constraint: the problem names it, keeping reason and detail. */
class ProblemFieldsTest {

    @RestController
    @Validated
    static class Pages {
        @GetMapping("/pages")
        int page(@RequestParam @Max(500) int size) {
            return size;
        }

        @GetMapping("/lists")
        String list(@Valid @ParameterObject PageQuery paging) {
            return paging.text() + " " + paging.at().offset() + " " + paging.at().size();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(proxied(new Pages()))
            .setControllerAdvice(new ProblemHandling()).build();

    @Test
    void a_parameter_of_the_wrong_type_is_named() throws Exception {
        mvc.perform(get("/pages").param("size", "many")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.detail").value("'size' has the wrong type"))
                .andExpect(jsonPath("$.field").value("size"))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void a_parameter_outside_its_constraint_is_named() throws Exception {
        mvc.perform(get("/pages").param("size", "501")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.errors[0].field").value("size"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be less than or equal to 500"));
    }

    /** The shared paging parameters ({@link PageQuery}) answer as single parameters do, and keep their defaults. */
    @Test
    void a_paging_parameter_outside_its_constraint_or_of_the_wrong_type_is_named() throws Exception {
        mvc.perform(get("/lists").param("size", "101")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.reason").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.field").value("size"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be less than or equal to 100"));
        mvc.perform(get("/lists").param("page", "many")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("page"))
                .andExpect(jsonPath("$.errors[0].reason").value("has the wrong type"));
        mvc.perform(get("/lists").param("q", "x".repeat(PagedAnswer.Q_MAX + 1))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("q"));
        mvc.perform(get("/lists").param("q", " tag ").param("page", "2").param("size", "5"))
                .andExpect(status().isOk()).andExpect(content().string(PagedAnswer.text(" tag ") + " 10 5"));
        mvc.perform(get("/lists")).andExpect(status().isOk()).andExpect(content().string("null 0 20"));
    }

    /** The class-level {@code @Validated} check runs in a proxy, as in a service. */
    private static Object proxied(Object controller) {
        MethodValidationPostProcessor validation = new MethodValidationPostProcessor();
        validation.setProxyTargetClass(true);
        validation.afterPropertiesSet();
        return validation.postProcessAfterInitialization(controller, "pages");
    }
}
