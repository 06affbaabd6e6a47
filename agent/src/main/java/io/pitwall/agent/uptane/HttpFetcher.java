package io.pitwall.agent.uptane;

import io.pitwall.agent.uptane.UptaneRejected.Reason;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches repository files over HTTP(S) below a base URI, with a hard length limit enforced while the body
 * streams in (the rest is never read) and one deadline for the whole download, so neither endless data nor a
 * trickling server can hold the agent. The deadline is real time on purpose: it is a network limit.
 */
public final class HttpFetcher implements Fetcher {

    private final HttpClient client;
    private final URI base;
    private final Duration deadline;

    /**
     * @param base     directory URI of the repository, e.g. {@code https://ota.example.com/repo/}
     * @param deadline longest time one file may take, connection included
     */
    public HttpFetcher(HttpClient client, URI base, Duration deadline) {
        this.client = client;
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.deadline = deadline;
    }

    @Override
    public Optional<byte[]> fetch(String name, long maxLength) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(name))
                .timeout(deadline)
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(
                request,
                info -> info.statusCode() == 200 ? new Limited(maxLength, name) : BodySubscribers.replacing(null));
        try {
            HttpResponse<byte[]> answer = response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() == 404 || answer.statusCode() == 403) {
                return Optional.empty();
            }
            if (answer.statusCode() != 200) {
                throw new UptaneRejected(Reason.UNREACHABLE, name + " answered HTTP " + answer.statusCode());
            }
            return Optional.of(answer.body());
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new UptaneRejected(Reason.SLOW_RETRIEVAL, name + " took longer than " + deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UptaneRejected rejected) {
                throw rejected;
            }
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new UptaneRejected(Reason.SLOW_RETRIEVAL, name + " took longer than " + deadline);
            }
            throw new UptaneRejected(Reason.UNREACHABLE, name + ": " + e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new UptaneRejected(Reason.UNREACHABLE, name + ": interrupted");
        }
    }

    /** Collects at most {@code max} bytes and cancels the stream as soon as one more arrives. */
    private static final class Limited implements BodySubscriber<byte[]> {

        private final long max;
        private final String name;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Limited(long max, String name) {
            this.max = max;
            this.name = name;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (body.size() + (long) buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(
                            new UptaneRejected(Reason.TOO_LARGE, name + " is longer than " + max + " bytes"));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                body.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
