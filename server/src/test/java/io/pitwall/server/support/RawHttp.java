package io.pitwall.server.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, for what client libraries will not send or would rewrite first: malformed or
 * over-long requests, request targets exactly as given (percent-encodings, dot segments, doubled slashes,
 * matrix parameters), and clients that send part of a request and then hold the connection.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RawHttp() {}

    /** An answer as read off the wire; {@code status} is 0 when the server closed without answering. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem code, or {@code null} when the answer is not JSON or has none. */
        public String code() {
            String type = contentType();
            if (type == null || !type.contains("json") || body.isBlank()) {
                return null;
            }
            JsonNode code = json().get("code");
            return code == null ? null : code.asString();
        }
    }

    /** A connection kept open between requests (opened again when the server closes it). */
    public static KeepAlive keepAlive(int port) {
        return new KeepAlive(port);
    }

    /** Requests one after the other on one connection; each target goes on the wire exactly as given. */
    public static final class KeepAlive implements AutoCloseable {

        private final int port;
        private Socket socket;
        private InputStream in;

        private KeepAlive(int port) {
            this.port = port;
        }

        /** Sends a request with an optional Authorization header and JSON body, and reads its answer. */
        public Answer send(String method, String target, String authorization, String body) {
            StringBuilder head = new StringBuilder(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(port)
                    .append("\r\n")
                    .append("Accept: application/json, application/problem+json\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            if (body != null || !"GET".equals(method) && !"HEAD".equals(method)) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            byte[] request = (head + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try {
                return exchange(method, request, content);
            } catch (IOException closedMeanwhile) {
                close();
                try {
                    return exchange(method, request, content);
                } catch (IOException e) {
                    close();
                    throw new UncheckedIOException(e);
                }
            }
        }

        private Answer exchange(String method, byte[] head, byte[] content) throws IOException {
            if (socket == null) {
                socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(30_000);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream());
            }
            // One write (and no Nagle delay): a body written after its head would wait for the head's delayed ACK.
            byte[] request = new byte[head.length + content.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(content, 0, request, head.length, content.length);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            Answer answer = parse(readOne(in, "HEAD".equals(method)));
            if (answer.status() == 0) {
                throw new IOException("connection closed");
            }
            if ("close".equalsIgnoreCase(answer.header("Connection"))) {
                close();
            }
            return answer;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
                in = null;
            }
        }
    }

    /** One answer off a kept-alive connection: its head, then a body by Content-Length, chunks, or to the end. */
    private static byte[] readOne(InputStream in, boolean headOnly) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long length = -1;
        boolean chunked = false;
        for (String line = line(in, all); !line.isEmpty(); line = line(in, all)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (headOnly) {
            return all.toByteArray();
        }
        if (chunked) {
            for (String size = line(in, all);
                    !size.isEmpty() && Long.parseLong(size.split(";")[0].trim(), 16) > 0;
                    size = line(in, all)) {
                all.write(in.readNBytes((int) Long.parseLong(size.split(";")[0].trim(), 16)));
                line(in, all);
            }
            line(in, all);
        } else if (length >= 0) {
            all.write(in.readNBytes((int) length));
        } else {
            in.transferTo(all);
        }
        return all.toByteArray();
    }

    /** Reads a line (without its CRLF) and copies it, with CRLF, to {@code copy}; empty at the end of input. */
    private static String line(InputStream in, ByteArrayOutputStream copy) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        copy.write(line.toString().getBytes(StandardCharsets.ISO_8859_1));
        copy.write('\r');
        copy.write('\n');
        return line.toString();
    }

    /** Sends a request as given and reads the answer up to the end of the connection. */
    public static Answer exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readToEnd(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a connection, sends {@code part} and holds the connection; the returned future completes with what the
     * server answered when the server closes it.
     */
    public static Held hold(int port, String part, Executor reader) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(part.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            CompletableFuture<Answer> closed = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return parse(readToEnd(socket.getInputStream()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    reader);
            return new Held(socket, closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A held connection: more can be sent, and {@code closed} completes when the server closes it. */
    public record Held(Socket socket, CompletableFuture<Answer> closed) implements AutoCloseable {

        /** Sends more of the request; {@code false} once the server no longer takes it. */
        public boolean send(String more) {
            try {
                socket.getOutputStream().write(more.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A server that closes with unread input resets the connection; what arrived before counts.
        }
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(0, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(
                status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return body.toString();
            }
            int size = Integer.parseInt(
                    chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
    }
}
