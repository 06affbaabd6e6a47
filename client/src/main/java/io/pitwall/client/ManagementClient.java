package io.pitwall.client;

import io.pitwall.protocol.tuf.TufKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one client of Pitwall's management API: typed calls for the flows the simulator, the demo, the key tools,
 * the benchmarks and the tests share, as an operator (HTTP Basic), with an API token (Bearer) or anonymously,
 * plus one generic call ({@link #exchange}) that answers status, headers and body whatever the status. A typed
 * call's refusal is an {@link ApiError} with the problem's code; a network failure an
 * {@link UncheckedIOException}. Thread-safe.
 */
public final class ManagementClient {

    /** The server's bulk credential limit per request. */
    public static final int CREDENTIALS_PER_REQUEST = 10_000;

    static final int IMPORT_LINES_PER_REQUEST = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCEPT = "application/json, application/problem+json";
    private final String base;
    private final String authorization;
    private final HttpClient http;

    private ManagementClient(String base, String authorization, HttpClient http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = authorization;
        this.http = http;
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static ManagementClient basic(URI base, String user, String password) {
        return new ManagementClient(base.toString(), basicAuthorization(user, password), newHttpClient());
    }

    public static ManagementClient bearer(URI base, String token) {
        return new ManagementClient(base.toString(), "Bearer " + token, newHttpClient());
    }

    /** An anonymous client of the server at {@code base} over the given HttpClient (e.g. one with a client certificate). */
    public static ManagementClient over(URI base, HttpClient http) {
        return new ManagementClient(base.toString(), null, http);
    }

    /** An anonymous client of the server at {@code base}. */
    public static ManagementClient anonymous(URI base) {
        return new ManagementClient(base.toString(), null, newHttpClient());
    }

    /** A client acting as another operator on the same server, over the same connection pool. */
    public ManagementClient as(String username, String password) {
        return new ManagementClient(base, basicAuthorization(username, password), http);
    }

    /** A client using this bearer token (an API token or a vehicle credential) on the same server. */
    public ManagementClient withToken(String token) {
        return new ManagementClient(base, "Bearer " + token, http);
    }

    /** A client without credentials on the same server. */
    public ManagementClient anonymous() {
        return new ManagementClient(base, null, http);
    }

    public URI base() {
        return URI.create(base);
    }

    /** The acting operator ({@code GET /me}): a cheap check that the credentials work. */
    public String whoAmI() {
        return call("GET", "/api/v1/me", null, null).path("username").asString();
    }

    /**
     * Issues an API token of the acting operator with these permissions (e.g. {@code campaign:read}) and
     * answers a client that uses it: a token is checked with one hash, a password with a deliberately slow
     * one, so frequent polling should use a token.
     */
    public ManagementClient withNewToken(String name, Set<String> permissions, Duration lifetime) {
        JsonNode issued = post(
                "/api/v1/tokens", Map.of("name", name, "permissions", permissions, "expiresIn", lifetime.toString()));
        return withToken(issued.path("secret").asString());
    }

    /** Upserts vehicles by VIN ({@code POST /vehicles/import}, JSON Lines), one request per 5,000 lines. */
    public ImportResult importVehicles(List<?> vehicles) {
        ImportResult total = ImportResult.none();
        for (int from = 0; from < vehicles.size(); from += IMPORT_LINES_PER_REQUEST) {
            var body = new ByteArrayOutputStream();
            for (Object vehicle : vehicles.subList(from, Math.min(vehicles.size(), from + IMPORT_LINES_PER_REQUEST))) {
                body.writeBytes(JSON.writeValueAsBytes(vehicle));
                body.write('\n');
            }
            JsonNode report = call("POST", "/api/v1/vehicles/import", "application/x-ndjson", body.toByteArray());
            JsonNode first = report.path("rejections").path(0);
            total = total.plus(new ImportResult(
                    report.path("received").asLong(),
                    report.path("created").asLong(),
                    report.path("updated").asLong(),
                    report.path("unchanged").asLong(),
                    report.path("rejected").asLong(),
                    first.isMissingNode()
                            ? null
                            : first.path("vin").asString() + ": "
                                    + first.path("reason").asString()));
        }
        return total;
    }

    /** Issues (rotates) a credential per VIN, in requests of at most 10,000; answers VIN → token. */
    public Map<String, String> issueCredentials(List<String> vins) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int from = 0; from < vins.size(); from += CREDENTIALS_PER_REQUEST) {
            var chunk = vins.subList(from, Math.min(vins.size(), from + CREDENTIALS_PER_REQUEST));
            for (JsonNode issued : post("/api/v1/vehicles/credentials", Map.of("vins", chunk))) {
                tokens.put(issued.path("vin").asString(), issued.path("token").asString());
            }
        }
        return tokens;
    }

    /** One ECU identity key to register. */
    public record EcuKeyRegistration(String vin, String serial, TufKey key) {}

    /** Registers ECU identity keys ({@code POST /api/v1/vehicles/ecu-keys}), in requests of at most 10,000. */
    public void registerEcuKeys(List<EcuKeyRegistration> keys) {
        for (int from = 0; from < keys.size(); from += CREDENTIALS_PER_REQUEST) {
            var chunk = keys.subList(from, Math.min(keys.size(), from + CREDENTIALS_PER_REQUEST)).stream()
                    .map(k -> Map.of(
                            "vin", k.vin(), "serial", k.serial(), "key", k.key().toJson()))
                    .toList();
            post("/api/v1/vehicles/ecu-keys", Map.of("keys", chunk));
        }
    }

    /** The image-signing keys the server signs targets with ({@code GET /keys}), for the vehicles to trust. */
    public List<TufKey> imageKeys() {
        List<TufKey> keys = new ArrayList<>();
        for (JsonNode key : call("GET", "/api/v1/keys", null, null)) {
            keys.add(TufKey.fromJson(key.path("key")));
        }
        return keys;
    }

    /** Registers an image, uploads its bytes and answers its id. */
    public long uploadImage(ImageRequest image, byte[] content) {
        long id = post("/api/v1/images", image).path("id").asLong();
        call("PUT", "/api/v1/images/" + id + "/content", "application/octet-stream", content);
        return id;
    }

    /** Creates a release of the images and publishes it; answers its id. */
    public long publishRelease(String name, String version, String notes, List<Long> imageIds) {
        long id = post(
                        "/api/v1/releases",
                        Map.of("name", name, "version", version, "notes", notes, "imageIds", imageIds))
                .path("id")
                .asLong();
        post("/api/v1/releases/" + id + "/publish", Map.of());
        return id;
    }

    public long createCampaign(String name, long releaseId, CampaignFilter filter) {
        return post("/api/v1/campaigns", Map.of("name", name, "releaseId", releaseId, "filter", filter))
                .path("id")
                .asLong();
    }

    /** Creates an operator with the role ({@code POST /operators}; needs {@code operator:admin}). */
    public void createOperator(String username, String password, String role) {
        post("/api/v1/operators", Map.of("username", username, "password", password, "role", role));
    }

    /**
     * Fills in a campaign's readiness sheet ({@code PUT /campaigns/{id}/readiness}, see the API for its
     * fields) and attaches one test-evidence record; answers whether every readiness item is met.
     */
    public boolean prepareCampaign(
            long id, Map<String, Object> sheet, String evidenceName, String evidenceSha256, String evidenceUrl) {
        call("PUT", "/api/v1/campaigns/" + id + "/readiness", "application/json", JSON.writeValueAsBytes(sheet));
        return post(
                        "/api/v1/campaigns/" + id + "/evidence",
                        Map.of("name", evidenceName, "sha256", evidenceSha256, "url", evidenceUrl))
                .path("ready")
                .asBoolean();
    }

    /** Submits a ready campaign for approval; answers its risk class ({@code STANDARD} or {@code HIGH}). */
    public String submitCampaign(long id) {
        return post("/api/v1/campaigns/" + id + "/submit", Map.of())
                .path("risk")
                .asString();
    }

    /** Approves a campaign as the acting operator; answers whether it still awaits another approval. */
    public boolean approveCampaign(long id, String comment) {
        JsonNode campaign =
                post("/api/v1/campaigns/" + id + "/approvals", Map.of("decision", "APPROVE", "comment", comment));
        return "SUBMITTED".equals(campaign.path("status").asString())
                || campaign.path("emergencyHold").asBoolean();
    }

    /**
     * Gives a draft campaign a wave plan ({@code PUT /campaigns/{id}/waves}; {@code plan} holds {@code waves}
     * and {@code abortCriteria}, see the API).
     */
    public void planWaves(long id, Map<String, Object> plan) {
        call("PUT", "/api/v1/campaigns/" + id + "/waves", "application/json", JSON.writeValueAsBytes(plan));
    }

    /** One line per wave: name, status and vehicles assigned, e.g. {@code pilot PASSED (25)}. */
    public List<String> waves(long id) {
        List<String> lines = new ArrayList<>();
        for (JsonNode wave :
                call("GET", "/api/v1/campaigns/" + id + "/waves", null, null).path("waves")) {
            lines.add(wave.path("name").asString() + " " + wave.path("status").asString() + " ("
                    + wave.path("assigned").asLong() + ")");
        }
        return lines;
    }

    /** Starts an approved campaign. */
    public CampaignProgress startCampaign(long id) {
        return progress(post("/api/v1/campaigns/" + id + "/start", Map.of()));
    }

    /**
     * Requests the rollback of a stopped campaign ({@code POST /campaigns/{id}/rollback}); answers the id of the
     * rollback campaign, SUBMITTED and awaiting two approvers other than the acting operator.
     */
    public long rollbackCampaign(long id, String comment) {
        return post("/api/v1/campaigns/" + id + "/rollback", Map.of("comment", comment))
                .path("id")
                .asLong();
    }

    public CampaignProgress campaign(long id) {
        return progress(call("GET", "/api/v1/campaigns/" + id, null, null));
    }

    /** Progress of the running and paused campaigns among the 50 newest. */
    public List<CampaignProgress> activeCampaigns() {
        List<CampaignProgress> active = new ArrayList<>();
        for (JsonNode c : call("GET", "/api/v1/campaigns?size=50", null, null).path("items")) {
            String status = c.path("status").asString();
            if ("RUNNING".equals(status) || "PAUSED".equals(status)) {
                active.add(campaign(c.path("id").asLong()));
            }
        }
        return active;
    }

    /** Requests a remote diagnostic command for a vehicle; answers its id. */
    public String requestCommand(String vin, String type, Map<String, String> parameters, String reason) {
        return post(
                        "/api/v1/vehicles/" + vin + "/commands",
                        Map.of("type", type, "parameters", parameters, "reason", reason))
                .path("id")
                .asString();
    }

    /** A command's status and the vehicle's answer, e.g. {@code SUCCEEDED OK {"Vehicle.Speed":0.0}}. */
    public String command(String id) {
        JsonNode command = call("GET", "/api/v1/commands/" + id, null, null);
        return (command.path("status").asString() + " "
                        + command.path("resultCode").asString("") + " "
                        + command.path("resultDetail").asString(""))
                .strip();
    }

    private static CampaignProgress progress(JsonNode p) {
        JsonNode c = p.path("campaign");
        return new CampaignProgress(
                c.path("id").asLong(),
                c.path("name").asString(),
                c.path("status").asString(),
                p.path("assignments").asLong(),
                counts(p.path("byStatus")),
                counts(p.path("byFailureCategory")));
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new LinkedHashMap<>();
        node.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private JsonNode post(String path, Object body) {
        return call("POST", path, "application/json", JSON.writeValueAsBytes(body));
    }

    private JsonNode call(String method, String path, String contentType, byte[] body) {
        ApiResponse response = exchange(method, path, contentType, body);
        JsonNode json = response.bytes().length == 0 ? JSON.missingNode() : readOrMissing(response.bytes());
        if (!response.isSuccess()) {
            String code = json.path("code").isString() ? json.path("code").asString() : null;
            String detail = json.path("detail").isString() ? json.path("detail").asString() : method + " " + path;
            throw new ApiError(response.status(), code, detail);
        }
        return json;
    }

    /** Sends any request without a body and answers whatever came back, refusals included. */
    public ApiResponse exchange(String method, String path) {
        return exchange(method, path, Map.of(), HttpRequest.BodyPublishers.noBody());
    }

    /**
     * Sends any request and answers whatever came back, refusals included; {@code contentType} and {@code body}
     * may be null (no body).
     */
    public ApiResponse exchange(String method, String path, String contentType, byte[] body) {
        return exchange(
                method,
                path,
                contentType == null ? Map.of() : Map.of("Content-Type", contentType),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * Sends any request with these headers (they replace the defaults, e.g. {@code Accept}) and body, and
     * answers whatever came back, refusals included.
     */
    public ApiResponse exchange(
            String method, String path, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", ACCEPT)
                .method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(method + " " + path + " interrupted"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static String basicAuthorization(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode readOrMissing(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }
}
