package io.pitwall.agent.http;

import io.pitwall.agent.ArtifactBody;
import io.pitwall.agent.ArtifactHead;
import io.pitwall.agent.Transport;
import io.pitwall.agent.TransportException;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventsAck;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native device API over the JDK HttpClient, authenticated with the vehicle's bearer token or, on a
 * server with vehicle mTLS, with its X.509 client certificate ({@link Builder#clientCertificate}; no token is
 * then sent). Redirects are not followed, so the token never travels to another host.
 */
public final class HttpTransport implements Transport {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private final URI base;
    private final String vin;
    private final String token;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration readTimeout;

    private HttpTransport(Builder builder) {
        this.base = builder.base;
        this.vin = builder.vin;
        this.token = builder.token;
        this.requestTimeout = builder.requestTimeout;
        this.readTimeout = builder.readTimeout;
        if (builder.client != null) {
            this.client = builder.client;
        } else {
            HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout);
            if (builder.keyStore != null || builder.trustStore != null) {
                http.sslContext(TlsContexts.of(builder.keyStore, builder.keyPassword, builder.trustStore));
            }
            this.client = http.build();
        }
    }

    public static Builder builder(URI base, String vin, String token) {
        return new Builder(base, vin, Objects.requireNonNull(token, "token"));
    }

    /** A transport authenticated by client certificate only: set {@link Builder#clientCertificate}. */
    public static Builder builder(URI base, String vin) {
        return new Builder(base, vin, null);
    }

    @Override
    public CheckinResponse checkin(CheckinRequest request) throws IOException {
        return postJson(DevicePaths.checkin(vin), request, CheckinResponse.class);
    }

    @Override
    public EventsAck sendEvents(EventBatch batch) throws IOException {
        return postJson(DevicePaths.events(vin), batch, EventsAck.class);
    }

    @Override
    public ArtifactHead head(String url) throws IOException {
        HttpRequest request =
                request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> response = send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw error(response, "HEAD " + url);
        }
        var headers = response.headers();
        return new ArtifactHead(
                headers.firstValueAsLong("Content-Length").orElse(-1),
                headers.firstValue("ETag").orElse(null),
                headers.allValues("Accept-Ranges").stream().anyMatch(v -> v.contains("bytes")));
    }

    @Override
    public ArtifactBody download(String url, long offset) throws IOException {
        HttpRequest.Builder builder = request(url).GET();
        if (offset > 0) {
            builder.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = new StallGuard(response.body(), readTimeout);
        int status = response.statusCode();
        if (status == 200) {
            return new ArtifactBody(
                    0, response.headers().firstValueAsLong("Content-Length").orElse(-1), body);
        }
        if (status == 206) {
            Matcher range = CONTENT_RANGE.matcher(
                    response.headers().firstValue("Content-Range").orElse(""));
            if (range.matches()) {
                long total = "*".equals(range.group(3)) ? -1 : Long.parseLong(range.group(3));
                return new ArtifactBody(Long.parseLong(range.group(1)), total, body);
            }
            body.close();
            throw new IOException("206 without a usable Content-Range from " + url);
        }
        body.close();
        throw error(response, "GET " + url);
    }

    private <T> T postJson(String path, Object body, Class<T> type) throws IOException {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DeviceJson.write(body)))
                .build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw error(response, "POST " + path);
        }
        try {
            return DeviceJson.read(response.body(), type);
        } catch (RuntimeException e) {
            throw new IOException("unreadable answer to POST " + path, e);
        }
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        var builder = HttpRequest.newBuilder(base.resolve(pathOrUrl)).timeout(requestTimeout);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + request.uri());
        }
    }

    private static TransportException error(HttpResponse<?> response, String what) {
        OptionalLong seconds = response.headers().firstValueAsLong("Retry-After");
        return new TransportException(
                response.statusCode(), what, seconds.isPresent() ? Duration.ofSeconds(seconds.getAsLong()) : null);
    }

    /** Builder; base URI, VIN and a token or a client certificate are required. */
    public static final class Builder {

        private final URI base;
        private final String vin;
        private final String token;
        private HttpClient client;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(30);
        private KeyStore keyStore;
        private char[] keyPassword;
        private KeyStore trustStore;

        private Builder(URI base, String vin, String token) {
            this.base = Objects.requireNonNull(base, "base");
            this.vin = Objects.requireNonNull(vin, "vin");
            this.token = token;
        }

        /**
         * Presents the key store's private key and certificate chain (the VIN in the subject CN, issued by the
         * fleet CA) as TLS client certificate. Not combinable with {@link #httpClient}.
         */
        public Builder clientCertificate(KeyStore keyStore, char[] keyPassword) {
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.keyPassword = keyPassword == null ? new char[0] : keyPassword.clone();
            return this;
        }

        /** Trusts the server certificates this store's CAs issued instead of the JDK's default CAs. */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** A caller-configured client (TLS, proxy, executor); connectTimeout is then the client's. */
        public Builder httpClient(HttpClient httpClient) {
            this.client = httpClient;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Time to the response headers; a download body may take longer. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Longest silence while reading an artifact body before the download counts as interrupted. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public HttpTransport build() {
            if (client != null && (keyStore != null || trustStore != null)) {
                throw new IllegalStateException(
                        "configure TLS on the given httpClient, or use clientCertificate/trustStore");
            }
            if (token == null && keyStore == null) {
                throw new IllegalStateException("a transport without a token needs a client certificate");
            }
            return new HttpTransport(this);
        }
    }
}
