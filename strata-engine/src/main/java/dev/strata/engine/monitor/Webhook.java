package dev.strata.engine.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs an {@link AlertDocument} as JSON ({@code Content-Type: application/json}) to the configured webhook, with a
 * timeout for connecting and one for the whole request. The outcome is a value, never an exception: an alert that
 * cannot be delivered must not hide the run's own result. The URL never appears in the outcome (it may carry a
 * token); the document holds no URL and no password.
 */
public final class Webhook {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Webhook() {
    }

    /**
     * What happened to a POST.
     *
     * @param delivered whether the receiver answered 2xx
     * @param status    the HTTP status, or 0 when there was no answer
     * @param problem   why it was not delivered, or null
     */
    public record Delivery(boolean delivered, int status, String problem) {
    }

    /** The JSON text of a document, as it is sent. */
    public static String json(AlertDocument document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert document: " + e.getMessage(), e);
        }
    }

    public static Delivery post(URI url, Duration timeout, AlertDocument document) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "strata/" + document.toolVersion())
                .POST(HttpRequest.BodyPublishers.ofString(json(document))).build();
        try {
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ok = r.statusCode() / 100 == 2;
            return new Delivery(ok, r.statusCode(), ok ? null : "the webhook answered HTTP " + r.statusCode());
        } catch (java.net.http.HttpTimeoutException e) {
            return new Delivery(false, 0, "the webhook did not answer within " + timeout.toMillis() + " ms");
        } catch (java.io.IOException e) {
            return new Delivery(false, 0, "could not reach the webhook (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(false, 0, "interrupted while posting to the webhook");
        }
    }
}
