package dev.shipgate.system;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * App Details of an external pipeline in a real browser (issue 21, issue 17): the CD tool's reports (here this test,
 * through the API) show as they arrive, PROGRESSING then HEALTHY, with the step's "open in the tool" link, without a
 * reload: over the live stream, and by polling when the stream cannot be reached (the browser blocks it). The default
 * settings do, so it uses the shared system. Screenshots: target/screenshots/21-external-app-details-*.png.
 */
@ExtendWith(SharedSystem.class)
class ExternalAppDetailsIT {

    private static final String LINK = "https://argocd.example/applications/payments?view=tree&resource=";
    private static ApprovalFlows flows;
    private static Browser browser;

    @BeforeAll
    static void start(RunningSystem system) throws Exception {
        Browser.assumeInstalled();
        flows = new ApprovalFlows(new Http(system.gatewayUrl()), null);
        browser = new Browser(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** An external pipeline's deployment, allowed by the gate and reported PROGRESSING by the tool: its ids. */
    private record Rollout(String pipeline, String tag, String deploymentId) {
        static Rollout progressing(String prefix) {
            String tag = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            String pipeline = flows.createPipeline(tag, Map.of("target", "external"));
            Http.Response allowed = flows.gate(pipeline, flows.approvedImage(pipeline, tag), "ui-" + tag);
            assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
            String id = allowed.json().path("deploymentId").asString();
            Http.Response reported = flows.report(id, "PROGRESSING", "Argo CD sync started", LINK);
            assertThat(reported.status()).as(reported.body()).isEqualTo(200);
            return new Rollout(pipeline, tag, id);
        }

        void reportHealthy() {
            Http.Response reported = flows.report(deploymentId, "HEALTHY", "all pods ready", LINK);
            assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        }
    }

    @Test
    void the_tools_reports_show_live_with_the_link_to_the_tool() throws Exception {
        Rollout rollout = Rollout.progressing("ui-ext");
        browser.signIn("alice");
        openDetails(rollout);
        browser.await(By.cssSelector("body[data-live=stream]"));

        WebElement link = browser.await(By.cssSelector("#deployment a.step-link"));
        assertThat(link.getText()).isEqualTo("open in the tool");
        assertThat(link.getAttribute("href")).isEqualTo(LINK);
        assertThat(link.getAttribute("rel")).contains("noopener");
        assertThat(browser.driver.findElement(By.id("deployment")).getText())
                .contains("Argo CD sync started (reported by alice via session)");
        browser.screenshot("21-external-app-details-progressing");

        rollout.reportHealthy();

        awaitHealthyWithoutReload(rollout);
        browser.screenshot("21-external-app-details-healthy");
    }

    /** Issue 17: when the live stream cannot be had, App Details follows an unfinished deployment by polling. */
    @Test
    void without_the_live_stream_app_details_follows_the_rollout_by_polling() {
        Rollout rollout = Rollout.progressing("ui-poll");
        ChromeDriver chrome = (ChromeDriver) browser.driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/changes*")));
        try {
            browser.signIn("alice");
            openDetails(rollout);
            browser.await(By.cssSelector("body[data-live=polling]"));

            rollout.reportHealthy();

            awaitHealthyWithoutReload(rollout);
            assertThat(browser.isPresent(By.cssSelector("body[data-live=stream]"))).isFalse();
        } finally {
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    private static void openDetails(Rollout rollout) {
        browser.open("#/pipelines/" + rollout.pipeline() + "/details/" + rollout.deploymentId());
        browser.awaitText(By.id("deployment-status"), "PROGRESSING");
        // a mark in this page's memory: a reload would lose it
        ((JavascriptExecutor) browser.driver).executeScript("window.shipgateTestMark = 'same page'");
    }

    private static void awaitHealthyWithoutReload(Rollout rollout) {
        browser.awaitText(By.id("deployment-status"), "HEALTHY");
        browser.awaitText(By.id("live"), "Live on");
        assertThat(browser.driver.findElement(By.id("live")).getText()).contains(rollout.tag()).contains("HEALTHY");
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.shipgateTestMark"))
                .as("no reload").isEqualTo("same page");
    }
}
