package dev.ledger.query;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a browser: one cookie jar (the session), redirects not followed, so tests see each answer. */
final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    WebSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** A GET of a download (the bundle), its bytes as they came. */
    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form post as a browser sends it; {@code fields} in order, a null value leaves the field out. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream().filter(field -> field.getValue() != null)
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A JSON post as a page's script sends it, with the page's CSRF token as a header. */
    HttpResponse<String> postJson(String path, String json, String csrf) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A server-sent event stream opened in this session. */
    EventStream events(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return EventStream.open(http, request);
    }

    /** Loads the sign-in link's page and presses its button; answers the button's answer. */
    HttpResponse<String> signInWith(String link) {
        HttpResponse<String> page = get(link);
        if (page.statusCode() != 200) {
            throw new AssertionError("the link's page answered " + page.statusCode());
        }
        String token = URI.create(link).getQuery().replace("token=", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", token);
        fields.put("_csrf", csrf(page.body()));
        return post("/login/ott", fields);
    }

    /** The CSRF token a page's form carries. */
    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the page: " + page);
        }
        return matcher.group(1);
    }

    /** The CSRF token a page gives its scripts ({@code data-csrf-token="..."}). */
    static String csrfMeta(String page) {
        Matcher matcher = Pattern.compile("data-csrf-token=\"([^\"]+)\"").matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF meta tag in the page: " + page);
        }
        return matcher.group(1);
    }

    private URI uri(String pathOrUrl) {
        // the link names localhost; the session's cookie belongs to the host it was set for, so keep one host
        String url = pathOrUrl.startsWith("http") ? pathOrUrl.replace("//localhost:", "//127.0.0.1:") : base + pathOrUrl;
        return URI.create(url);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
