package dev.automigrate.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One HTTP GET's status and body. */
record HttpAnswer(int status, String body) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static HttpAnswer get(int port, String path) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new HttpAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
