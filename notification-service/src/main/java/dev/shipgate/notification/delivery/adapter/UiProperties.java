package dev.shipgate.notification.delivery.adapter;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the UI the mails link to is served ({@code shipgate.ui.*}); checked at start.
 *
 * @param baseUrl the UI's address as people reach it ({@code SHIPGATE_UI_URL}, default
 *                {@code http://localhost:8080}), without a trailing slash
 */
@Validated
@ConfigurationProperties("shipgate.ui")
record UiProperties(@NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                    @DefaultValue("http://localhost:8080") String baseUrl) {
}
