package dev.shipgate.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a list endpoint that answers with {@link PagedAnswer}: its OpenAPI 200 response then says so and documents
 * the {@code Link} and {@code X-Total-Count} headers ({@link PagedResponseDocumentation}); the body's schema comes from
 * the method's return type ({@code ResponseEntity<List<T>>}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PagedResponse {
}
