package dev.shipgate.system;

import dev.shipgate.contracts.Topics;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document's story in a real browser (headless Chromium): request approval, the requester cannot approve
 * their own, a second user approves, a partial approval cannot deploy, the required count is reached, deploy, watch
 * Progressing turn Healthy; plus cancel and expire. Screenshots of the main screens go to target/screenshots.
 */
@ExtendWith(SharedSystem.class)
@org.junit.jupiter.api.Order(SharedSystem.FIRST) // it reads the seeded pipelines as the seed left them
class BrowserStoryIT {

    /** Typed by a user: must show as these characters, never become elements. */
    private static final String TYPED_MARKUP = "Release 8.0 <b>please</b> <img src=x id=typed-markup>";

    private static RunningSystem system;
    private static TopicWatcher topics;
    private static Browser browser;
    private static Http gateway;

    @BeforeAll
    static void start(RunningSystem shared) throws Exception {
        Browser.assumeInstalled();
        system = shared;
        topics = new TopicWatcher(system.infra, List.of(Topics.IMAGES));
        gateway = new Http(system.gatewayUrl());
        browser = new Browser(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void an_image_is_requested_approved_by_two_others_deployed_and_becomes_healthy() throws Exception {
        String digest = image("8.0.0");
        browser.signIn("alice");
        browser.screenshot("01-applications");
        browser.open("#/pipelines/payments-prod/images");
        browser.await(By.cssSelector("[data-action=request-approval][data-digest='" + digest + "']")).click();
        browser.await(By.cssSelector("input[name=approver][value=bob]")).click();
        browser.driver.findElement(By.cssSelector("input[name=approver][value=carol]")).click();
        browser.driver.findElement(By.id("request-comment")).sendKeys(TYPED_MARKUP);
        assertThat(browser.driver.findElement(By.id("dialog")).getText()).as("who can fill which rule")
                .contains("carol\n(can fill security)");
        browser.screenshot("02-request-approval");
        browser.driver.findElement(By.cssSelector("[data-action=submit-request]")).click();
        browser.awaitText(By.cssSelector("tr[data-digest='" + digest + "']"), "PENDING");

        browser.open("#/pipelines/payments-prod/pending");
        browser.awaitText(By.cssSelector("tr[data-request]"), "8.0.0");
        assertThat(browser.isPresent(By.cssSelector("[data-verb=approve]"))).as("the requester is offered Approve")
                .isFalse();
        // what was typed shows as text, and none of it became an element
        assertThat(browser.driver.findElement(By.id("tab")).getText()).contains(TYPED_MARKUP);
        assertThat(browser.isPresent(By.id("typed-markup"))).as("typed markup became an element").isFalse();
        assertThat(browser.driver.findElements(By.cssSelector("#tab b"))).isEmpty();
        String requestId = browser.driver.findElement(By.cssSelector("tr[data-request]")).getDomAttribute(
                "data-request");
        Http.Response own = gateway.postWithAuthorization("Bearer " + token("alice"), "/api/approval-requests/"
                + requestId + "/approve", null);
        assertThat(own.reason()).isEqualTo("REQUESTER_CANNOT_APPROVE");

        browser.signIn("bob");
        browser.open("#/pending");
        browser.await(By.cssSelector("tr[data-request='" + requestId + "'] [data-verb=approve]"));
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-request='" + requestId
                + "'] li[data-rule=security]")).getText()).contains("security: 0 of 1", "can still complete it: carol");
        browser.screenshot("03-approval-pending");
        browser.driver.findElement(By.cssSelector("tr[data-request='" + requestId + "'] [data-verb=approve]")).click();
        // an approver sees what they decide on: repository, commit, who asked whom, until when, the requester's
        // comment
        browser.awaitText(By.id("dialog"), "Commit");
        assertThat(browser.driver.findElement(By.id("dialog")).getText()).contains("registry.local/payments",
                "ab12", "bob, carol", "Expires", TYPED_MARKUP, "security: 0 of 1");
        browser.driver.findElement(By.id("decision-comment")).sendKeys("looks good");
        browser.screenshot("03b-approve-dialog");
        browser.confirmDialog();
        // the outcome and what is still missing, not the question again
        browser.awaitText(By.id("flash"), "Approved 8.0.0 for prod. Still missing: 1 approval (security 0 of 1)");

        browser.signIn("alice");
        browser.open("#/pipelines/payments-prod/select");
        browser.await(By.id("nothing-deployable"));
        browser.screenshot("04-select-image-partial");
        browser.open("#/pipelines/payments-prod/images");
        browser.awaitText(By.cssSelector("tr[data-digest='" + digest + "'] .approval-count"), "1 of 2 approvals");
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-digest='" + digest + "']")).getText())
                .contains("bob “looks good”");

        browser.signIn("carol");
        browser.open("#/pending");
        browser.await(By.cssSelector("tr[data-request='" + requestId + "'] [data-verb=approve]")).click();
        browser.confirmDialog();
        browser.awaitText(By.id("flash"), "It has all its approvals and can be deployed");

        browser.signIn("alice");
        browser.open("#/pipelines/payments-prod/select");
        browser.await(By.cssSelector("[data-action=deploy][data-digest='" + digest + "']"));
        browser.screenshot("05-select-image-approved");
        browser.driver.findElement(By.cssSelector("[data-action=deploy][data-digest='" + digest + "']")).click();
        browser.awaitText(By.id("deployment-status"), "PROGRESSING");
        browser.awaitText(By.id("flash"), "Deployment of 8.0.0 requested"); // it survived the move to App Details
        browser.screenshot("06-app-details-progressing");
        browser.awaitText(By.id("deployment-status"), "HEALTHY");
        assertThat(browser.driver.findElement(By.id("deployment")).getText()).contains("REQUESTED", "AUTHORIZED",
                "PROGRESSING", "HEALTHY", "approved by bob, carol");
        browser.screenshot("07-app-details-healthy");

        browser.open("#/pipelines/payments-prod/select");
        browser.awaitText(By.id("tab"), "Active on prod");
        browser.await(By.id("nothing-deployable"));
        browser.open("#/pipelines/payments-prod/details");
        browser.awaitText(By.id("live"), "Live on prod: 8.0.0");
        browser.open("#/pipelines/payments-prod/history");
        browser.awaitText(By.cssSelector("tr[data-deployment]"), "Live");
        // the live release offers no rollback; a gated pipeline says up front that rolling back needs an approval
        assertThat(browser.isPresent(By.cssSelector("[data-action=rollback]"))).isFalse();
        browser.awaitText(By.id("rollback-note"), "needs a new approval");
        browser.screenshot("08-deployment-history");
    }

    @Test
    void the_requester_cancels_a_request_and_lets_an_approval_expire() throws Exception {
        String cancelled = image("8.1.0");
        String expired = image("8.2.0");
        browser.signIn("alice");
        for (String digest : List.of(cancelled, expired)) {
            browser.open("#/pipelines/payments-staging/images");
            browser.await(By.cssSelector("[data-action=request-approval][data-digest='" + digest + "']")).click();
            browser.await(By.cssSelector("[data-action=submit-request]")).click();
            browser.awaitText(By.cssSelector("tr[data-digest='" + digest + "']"), "PENDING");
        }
        String toExpire = requestOf(expired);
        assertThat(gateway.postWithAuthorization("Bearer " + token("bob"), "/api/approval-requests/" + toExpire
                + "/approve", null).status()).isEqualTo(200);

        browser.open("#/pipelines/payments-staging/pending");
        String toCancel = requestOf(cancelled);
        browser.await(By.cssSelector("tr[data-request='" + toCancel + "'] [data-verb=cancel]")).click();
        // destructive actions are confirmed, saying what they undo; Keep it does nothing
        browser.awaitText(By.id("dialog"), "the approvals it has are dropped");
        browser.screenshot("09a-confirm-cancel");
        browser.driver.findElement(By.cssSelector("#dialog .secondary")).click();
        assertThat(gateway.getWithAuthorization("Bearer " + token("alice"), "/api/approval-requests/" + toCancel)
                .json().path("status").asString()).isEqualTo("PENDING");
        browser.await(By.cssSelector("tr[data-request='" + toCancel + "'] [data-verb=cancel]")).click();
        browser.confirmDialog();
        browser.awaitText(By.id("flash"), "Request cancelled");
        browser.await(By.cssSelector("tr[data-request='" + toExpire + "'] [data-verb=expire]")).click();
        browser.awaitText(By.id("dialog"), "can no longer be used to deploy");
        browser.confirmDialog();
        browser.awaitText(By.id("flash"), "Approval expired");

        browser.open("#/pipelines/payments-staging/images");
        browser.awaitText(By.cssSelector("tr[data-digest='" + cancelled + "']"), "CANCELLED");
        browser.awaitText(By.cssSelector("tr[data-digest='" + expired + "']"), "EXPIRED");
        browser.screenshot("09-cancelled-and-expired");
    }

    @Test
    void a_forged_approve_from_email_link_shows_a_clear_page() throws Exception {
        browser.signIn("bob");
        browser.open("#/approve/ar-1?link=forged.link");
        browser.awaitText(By.id("link-refused"), "cannot be used");
        browser.screenshot("10-forged-link");
    }

    @Test
    void a_user_makes_an_api_token_and_once_revoked_every_service_refuses_it() throws Exception {
        browser.signIn("alice");
        browser.open("#/tokens");
        browser.await(By.id("token-name")).sendKeys("nightly <deploy> job");
        browser.driver.findElement(By.cssSelector("[data-action=create-token]")).click();
        String token = browser.await(By.id("new-token-value")).getText();
        browser.screenshot("11-api-tokens");
        String bearer = "Bearer " + token;
        assertThat(gateway.getWithAuthorization(bearer, "/api/access/me").json().path("userId").asString())
                .isEqualTo("alice");
        List<String> everyService = List.of("/api/access/me", "/api/pipelines",
                "/api/notifications/subscriptions/payments-prod");
        for (String path : everyService) {
            assertThat(gateway.getWithAuthorization(bearer, path).status()).as(path).isEqualTo(200);
        }

        browser.driver.findElement(By.cssSelector("[data-action=revoke-token]")).click();
        browser.awaitText(By.id("dialog"), "stops working");
        browser.confirmDialog();
        browser.awaitText(By.cssSelector("tr[data-token] .badge"), "REVOKED");
        assertThat(browser.driver.findElement(By.id("main")).getText()).contains("nightly <deploy> job");

        for (String path : everyService) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(gateway.getWithAuthorization(bearer, path).status()).as(path).isEqualTo(401));
        }
    }

    @Test
    void a_super_admin_makes_a_group_and_puts_a_user_in_it_and_a_manager_is_not_offered_that() throws Exception {
        browser.signIn("dave");
        browser.open("#/admin");
        browser.await(By.cssSelector("[data-action=edit-group][data-group='']")).click();
        browser.await(By.id("group-name")).sendKeys("auditors");
        browser.driver.findElement(By.id("group-description")).sendKeys("read <everything>");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("group-role")))
                .selectByVisibleText("VIEW");
        browser.driver.findElement(By.cssSelector("[data-action=save-group]")).click();
        browser.awaitText(By.cssSelector("tr[data-group=auditors]"), "VIEW on */*/*");

        browser.await(By.cssSelector("[data-action=edit-membership][data-user=erin]")).click();
        browser.await(By.cssSelector("input[name=member-of][value=auditors]")).click();
        browser.driver.findElement(By.cssSelector("[data-action=save-membership]")).click();
        browser.awaitText(By.cssSelector("tr[data-user=erin]"), "auditors");
        assertThat(browser.isPresent(By.cssSelector("[data-action=remove-role][data-user=dave]")))
                .as("a super admin is not offered to remove their own roles").isFalse();
        browser.screenshot("12-access-administration");
        assertThat(gateway.getWithAuthorization("Bearer " + token("erin"), "/api/access/me").json()
                .path("groups").toString()).contains("auditors");

        browser.signIn("mona");
        browser.open("#/admin");
        browser.await(By.cssSelector("tr[data-group=auditors]"));
        assertThat(browser.isPresent(By.cssSelector("[data-action=edit-group]"))).isFalse();
        assertThat(browser.isPresent(By.cssSelector("[data-action=edit-membership]"))).isFalse();

        // issue 15 item 1: mona (MANAGER on shop / payments / *) starts inside her scope, not at * / * / *, cannot
        // open her own grants, and sees the server's reason when she asks for more than she holds
        assertThat(browser.isPresent(By.cssSelector("[data-action=edit-user][data-user=mona]"))).isFalse();
        browser.await(By.cssSelector("[data-action=edit-user][data-user=erin]")).click();
        browser.awaitText(By.id("grant-where"), "shop / payments / *");
        assertThat(browser.driver.findElement(By.id("grant-project")).getDomProperty("value")).isEqualTo("shop");
        assertThat(browser.driver.findElement(By.id("grant-application")).getDomProperty("value"))
                .isEqualTo("payments");
        // she holds no IMAGE_APPROVER, so she is not offered it (rule 13: only roles she holds)
        var roleSelect = new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("grant-role")));
        assertThat(roleSelect.getOptions()).extracting(option -> option.getText()).contains("MANAGER")
                .doesNotContain("IMAGE_APPROVER");
        roleSelect.selectByVisibleText("MANAGER");
        browser.driver.findElement(By.id("grant-application")).clear();
        browser.driver.findElement(By.id("grant-application")).sendKeys("*");
        browser.driver.findElement(By.cssSelector("[data-action=grant]")).click();
        browser.awaitText(By.id("flash"), "NOT_ALLOWED_TO_GRANT");
        browser.screenshot("13-access-refused-outside-own-scope");
    }

    @Test
    void a_requester_and_an_approver_use_the_keyboard_alone() throws Exception {
        String digest = image("8.3.0");
        browser.signIn("alice");
        browser.open("#/pipelines/payments-staging/images");
        browser.tabTo(By.cssSelector("[data-action=request-approval][data-digest='" + digest + "']"), 80)
                .sendKeys(Keys.ENTER);
        browser.awaitText(By.id("dialog"), "Request approval for 8.3.0");
        // the dialog took the focus: typing goes into it, and a few Tabs reach Submit
        browser.tabTo(By.id("request-comment"), 10).sendKeys("by keyboard");
        browser.tabTo(By.cssSelector("[data-action=submit-request]"), 5).sendKeys(Keys.ENTER);
        browser.awaitText(By.cssSelector("tr[data-digest='" + digest + "']"), "PENDING");
        String requestId = requestOf(digest);

        browser.signIn("bob");
        browser.open("#/pipelines/payments-staging/pending");
        browser.tabTo(By.cssSelector("tr[data-request='" + requestId + "'] [data-verb=approve]"), 80)
                .sendKeys(Keys.ENTER);
        browser.awaitText(By.id("dialog"), "Approve payments 8.3.0 for staging");
        browser.driver.switchTo().activeElement().sendKeys("fine by keyboard");
        browser.tabTo(By.cssSelector("#dialog [data-confirm]"), 5).sendKeys(Keys.ENTER);
        browser.awaitText(By.id("flash"), "Approved 8.3.0 for staging");
        assertThat(gateway.getWithAuthorization("Bearer " + token("bob"), "/api/approval-requests/" + requestId)
                .json().path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void a_double_click_on_deploy_makes_one_deployment() throws Exception {
        String digest = image("8.4.0");
        browser.signIn("alice");
        browser.open("#/pipelines/payments-dev/select");
        new Actions(browser.driver).doubleClick(browser.await(By.cssSelector("[data-action=deploy][data-digest='"
                + digest + "']"))).perform();
        browser.await(By.id("deployment-status"));
        Thread.sleep(2000); // a second call would have arrived by now
        var deployments = gateway.getWithAuthorization("Bearer " + token("alice"),
                "/api/pipelines/payments-dev/deployments?size=100").json();
        int made = 0;
        for (var deployment : deployments) {
            made += deployment.path("image").path("digest").asString().equals(digest) ? 1 : 0;
        }
        assertThat(made).isEqualTo(1);
    }

    @Test
    void an_automatic_pipeline_says_approve_and_deploy() throws Exception {
        String digest = image("8.5.0");
        Http.Response asked = gateway.postWithAuthorization("Bearer " + token("alice"), "/api/approval-requests",
                Map.of("pipelineId", "payments-qa", "imageDigest", digest));
        assertThat(asked.status()).isEqualTo(201);
        browser.signIn("bob");
        browser.open("#/pipelines/payments-qa/pending");
        browser.awaitText(By.id("main"), "8.5.0");
        browser.screenshot("15-automatic-pipeline-pending");
        browser.awaitText(By.cssSelector("tr[data-request='" + asked.json().path("id").asString()
                + "'] [data-verb=approve]"), "Approve and deploy");
    }

    @Test
    void a_wrong_password_and_an_ended_session_are_said_in_plain_words() throws Exception {
        browser.driver.get("about:blank");
        browser.open("#/login");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.await(By.id("username")).sendKeys("bob");
        browser.driver.findElement(By.id("password")).sendKeys("not-his-password");
        browser.driver.findElement(By.id("sign-in")).click();
        browser.awaitText(By.id("sign-in-problem"), "The user name or the password is wrong.");
        browser.screenshot("14-wrong-password");

        browser.signIn("bob");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "sessionStorage.setItem('shipgate.token', 'ended.session.token')");
        browser.driver.navigate().refresh();
        browser.awaitText(By.id("flash"), "Your session has ended: sign in again.");
        browser.await(By.id("username"));
    }

    @Test
    void a_status_change_appears_live_without_a_reload_and_the_focus_stays() throws Exception {
        String digest = image("8.6.0");
        browser.signIn("alice");
        browser.open("#/pipelines/payments-dev/details");
        // the stream delivered its first event through the gateway (a buffering proxy would hold it back)
        browser.await(By.cssSelector("body[data-live=stream]"));
        script("window.sameLoad = true; document.querySelector('a[data-tab=history]').focus()");
        Http.Response deployed = gateway.postWithAuthorization("Bearer " + token("alice"),
                "/api/pipelines/payments-dev/deployments", Map.of("imageDigest", digest));
        assertThat(deployed.status()).isEqualTo(202);
        // the new deployment appears, then turns healthy: no reload, and no polling while the stream works
        browser.awaitText(By.cssSelector("#deployment h3"), "8.6.0");
        browser.awaitText(By.id("deployment-status"), "HEALTHY");
        assertThat(browser.driver.findElement(By.cssSelector("#deployment h3")).getText()).contains("8.6.0");
        browser.awaitText(By.id("live"), "Live on dev: 8.6.0");
        assertThat(script("return window.sameLoad === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(script("return document.activeElement.dataset.tab")).as("the focus stayed").isEqualTo("history");
    }

    @Test
    void the_pending_count_and_list_follow_new_requests_live() throws Exception {
        String digest = image("8.7.0");
        browser.signIn("bob");
        browser.open("#/pending");
        browser.await(By.cssSelector("body[data-pending-live=stream]"));
        long before = pendingViaApi("bob");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingCount() == before);
        script("window.sameLoad = true");
        Http.Response asked = gateway.postWithAuthorization("Bearer " + token("alice"), "/api/approval-requests",
                Map.of("pipelineId", "payments-staging", "imageDigest", digest));
        assertThat(asked.status()).isEqualTo(201);
        browser.await(By.cssSelector("tr[data-request='" + asked.json().path("id").asString() + "']"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingCount() == before + 1);
        assertThat(script("return window.sameLoad === true")).as("the page was not reloaded").isEqualTo(true);
        browser.screenshot("16-pending-count-live");
    }

    @Test
    void a_manager_sees_the_users_of_her_scope_searches_them_and_removes_a_role() throws Exception {
        browser.signIn("mona"); // MANAGER on shop / payments / *
        browser.open("#/admin");
        browser.await(By.cssSelector("tr[data-user=erin]"));
        assertThat(browser.isPresent(By.cssSelector("tr[data-user=alice]"))).isTrue();
        assertThat(browser.isPresent(By.cssSelector("tr[data-user=dave]"))).as("a super admin is not hers").isFalse();
        assertThat(browser.isPresent(By.cssSelector("tr[data-user=carol]"))).as("carol's roles are outside")
                .isFalse();
        // group members she can see: bob, not carol
        String members = browser.driver.findElement(By.cssSelector("tr[data-group=release-managers] .members"))
                .getText();
        assertThat(members).contains("bob").doesNotContain("carol");

        browser.await(By.id("user-search")).sendKeys("car");
        browser.await(By.id("no-users"));
        browser.driver.findElement(By.id("user-search")).sendKeys("ol"); // the exact id finds her
        browser.await(By.cssSelector("tr[data-user=carol]"));
        browser.driver.findElement(By.id("user-search")).clear();
        browser.driver.findElement(By.id("user-search")).sendKeys("erin");
        browser.await(By.cssSelector("[data-action=edit-user][data-user=erin]")).click();
        new org.openqa.selenium.support.ui.Select(browser.await(By.id("grant-role")))
                .selectByVisibleText("BUILD_AND_DEPLOY");
        browser.driver.findElement(By.id("grant-environment")).clear();
        browser.driver.findElement(By.id("grant-environment")).sendKeys("dev");
        assertThat(script("return [...document.querySelectorAll('#main input, #main select')]"
                + ".filter(field => field.labels.length === 0).map(field => field.id || field.name)"))
                .as("fields without a label").asList().isEmpty();
        browser.screenshot("17-access-manager-grants");
        browser.driver.findElement(By.cssSelector("[data-action=grant]")).click();
        By remove = By.cssSelector("[data-action=remove-role][data-user=erin]"
                + "[data-role='BUILD_AND_DEPLOY on shop/payments/dev']");
        browser.await(remove).click();
        browser.awaitText(By.id("dialog"), "loses BUILD_AND_DEPLOY on shop/payments/dev");
        browser.confirmDialog();
        browser.awaitText(By.id("flash"), "removed from erin");
        assertThat(gateway.getWithAuthorization("Bearer " + token("erin"), "/api/access/me").json().path("roles")
                .toString()).doesNotContain("\"environment\":\"dev\"");
        assertThat(browser.isPresent(By.cssSelector("[data-action=remove-role][data-user=mona]")))
                .as("her own roles").isFalse();
    }

    @Test
    void signing_in_works_while_approval_service_is_stopped() throws Exception {
        var approvalService = system.services.get("approval-service");
        approvalService.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gateway.getWithAuthorization("Bearer "
                    + token("alice"), "/api/access/me").status() >= 500);
            browser.signIn("alice"); // the gateway issues the token alone
            browser.awaitText(By.id("limited"), "cannot be read");
            browser.awaitText(By.id("main"), "payments"); // deploy-service answers with its own copy of her roles
            browser.screenshot("18-signed-in-without-approval-service");
        } finally {
            approvalService.start();
            approvalService.awaitReady(Duration.ofSeconds(180), () -> RunningSystem.isReady(
                    system.ports.get("approval-service")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gateway.getWithAuthorization("Bearer "
                    + token("alice"), "/api/access/me").status() == 200);
        }
    }

    private static Object script(String code) {
        return ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(code);
    }

    private static long pendingViaApi(String user) {
        return gateway.getWithAuthorization("Bearer " + token(user),
                "/api/approval-requests/pending-my-approval?size=100").json().size();
    }

    private static long pendingCount() {
        var counts = browser.driver.findElements(By.id("pending-count"));
        return counts.isEmpty() ? 0 : Long.parseLong(counts.get(0).getText().trim());
    }

    private static String image(String tag) {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        topics.publish(new ImageBuilt(digest, "registry.local/payments", tag, "ab12", "payments", "ci-bot",
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gateway.getWithAuthorization("Bearer "
                + token("alice"), "/api/pipelines/payments-prod/images?size=100").body().contains(digest));
        return digest;
    }

    private static String requestOf(String digest) {
        var images = gateway.getWithAuthorization("Bearer " + token("alice"),
                "/api/pipelines/payments-staging/images?size=100").json();
        for (var image : images) {
            if (image.path("digest").asString().equals(digest)) {
                return image.path("latestRequest").path("id").asString();
            }
        }
        throw new IllegalStateException("no request for " + digest);
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Signs in once per user: bcrypt makes each sign-in cost CPU the rest of the test needs. */
    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> gateway.post(null, "/api/auth/token", Map.of("username", u,
                "password", "shipgate-demo")).json().path("accessToken").asString());
    }
}
