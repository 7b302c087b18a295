package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.DevTokens;
import io.tradecoord.ear.Browser;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations page in headless Chromium, as an operator uses it: the backends UP, a lock held on this server with
 * its token, the inventory's dead letters (order.cancelled of two orders whose handler could not take its lock); once
 * the reconciliation has released their units, the oldest inspected and its replay refused as stale, every one
 * discarded. Runs where events die quickly (the ear pom's wildfly-redis-kafka-expiry execution:
 * inventory.lock-wait=PT1S, two attempts, 3 s retry window).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsPageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    void anOperatorSeesHeldLocksAndDeadLettersAndReplaysOrDiscardsThem() throws Exception {
        String plum = shop.createSku("plum", "1.00", 10);
        String member = shop.member();
        String stale = shop.place(member, Map.of(plum, 3));
        String discarded = shop.place(member, Map.of(plum, 2));
        shop.awaitStatus(stale, "CONFIRMED");
        shop.awaitStatus(discarded, "CONFIRMED");
        JsonObject about = api.get("/order/api/about").expect(200).json();

        List<String> locks = List.of("inventory-reservation:" + stale, "inventory-reservation:" + discarded);
        locks.forEach(shop::holdLock);
        try (Browser browser = new Browser()) {
            WebDriver page = browser.driver();
            try {
                shop.cancel(stale).expect(200);
                shop.cancel(discarded).expect(200);
                shop.awaitDeadLetter("/inventory/api/dead-letters", "order.cancelled", stale);
                shop.awaitDeadLetter("/inventory/api/dead-letters", "order.cancelled", discarded);

                page.get(Api.uri("/order/api/operations/page").toString());
                // the page shows nothing before an operator signs in: the status needs the operator role
                await(page, d -> d.findElement(By.id("sign-in")).isDisplayed());
                await(page, d -> d.findElement(By.id("message")).getText().contains("Unauthorized"));
                assertTrue(page.findElements(By.cssSelector("#backends tbody tr")).isEmpty(), page.findElement(By.id("backends")).getText());
                page.findElement(By.id("token")).sendKeys(DevTokens.token("test-operator", 60, "operator"));
                page.findElement(By.cssSelector("#sign-in button")).click();
                await(page, d -> !d.findElement(By.id("refreshed")).getText().isEmpty());
                assertTrue(!page.findElement(By.id("sign-in")).isDisplayed(), "the sign-in form is gone once signed in");
                assertEquals(about.getString("lockBackend"), cell(page, "#backends tr[data-backend='locks']", "backend"));
                assertEquals("UP", cell(page, "#backends tr[data-backend='locks']", "status"));
                assertEquals(about.getString("busBackend"), cell(page, "#backends tr[data-backend='bus']", "backend"));
                assertEquals("UP", cell(page, "#backends tr[data-backend='bus']", "status"));
                WebElement held = await(page, d -> d.findElements(By.cssSelector("#locks tr.held-lock")).stream()
                        .filter(row -> row.findElement(By.className("key")).getText().equals(locks.get(0))).findFirst().orElse(null));
                assertTrue(Long.parseLong(held.findElement(By.className("token")).getText()) > 0, held.getText());
                assertTrue(Integer.parseInt(cell(page, "#modules tr[data-module='inventory-module']", "dead-letters")) >= 2,
                        page.findElement(By.id("modules")).getText());
            } finally {
                locks.forEach(shop::releaseLock);
            }
            // the reconciliation re-announces both cancels (check-after PT4S): the units come back and every letter of
            // these orders is stale (a re-announcement made while the locks were still held may have died as well)
            api.await("/inventory/api/skus/" + plum, sku -> sku.getInt("reserved") == 0 && sku.getInt("available") == 10, "the units to come back");
            List<Long> staleIds = pendingLetters(stale);
            long oldest = staleIds.get(0);

            click(page, letterRow(oldest), "inspect");
            await(page, d -> d.findElement(By.id("detail")).getText().contains(stale));
            click(page, letterRow(oldest), "replay");
            await(page, d -> d.findElement(By.id("message")).getText().contains("Stale replay"));
            assertTrue(page.findElement(By.id("message")).getText().startsWith("inventory-module dead letter " + oldest + " not replayed"),
                    page.findElement(By.id("message")).getText());

            List<Long> all = new ArrayList<>(staleIds);
            all.addAll(pendingLetters(discarded));
            for (long id : all) {
                click(page, letterRow(id), "discard");
                await(page, ExpectedConditions.alertIsPresent()).accept();
                await(page, d -> d.findElement(By.id("message")).getText().equals("inventory-module dead letter " + id + " discarded"));
                await(page, d -> d.findElements(By.cssSelector(letterRow(id))).isEmpty());
                api.get("/inventory/api/dead-letters/" + id).problem(404);
            }
        }
    }

    /** The ids of the inventory's pending dead letters of {@code order}, oldest first. */
    private List<Long> pendingLetters(String order) {
        List<Long> ids = api.get("/inventory/api/dead-letters?pending=true&size=100").expect(200).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(letter -> order.equals(letter.getString("key", "")))
                .map(letter -> letter.getJsonNumber("id").longValue()).sorted().toList();
        assertTrue(!ids.isEmpty(), "no pending dead letter of " + order);
        return ids;
    }

    private static String letterRow(long id) {
        return "#dead-letters tr.dead-letter[data-module='inventory-module'][data-id='" + id + "']";
    }

    /** Clicks a button of the row, again if the page's refresh replaced the row under the click. */
    private static void click(WebDriver page, String rowSelector, String button) {
        await(page, d -> {
            try {
                d.findElement(By.cssSelector(rowSelector + " button." + button)).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static String cell(WebDriver page, String rowSelector, String cellClass) {
        return await(page, d -> {
            try {
                return d.findElement(By.cssSelector(rowSelector + " td." + cellClass)).getText();
            } catch (StaleElementReferenceException e) {
                return null;
            }
        });
    }

    private static <T> T await(WebDriver page, Function<WebDriver, T> condition) {
        return new WebDriverWait(page, PATIENCE).ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }
}
