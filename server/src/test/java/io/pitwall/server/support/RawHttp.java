package io.pitwall.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for requests a normal client would refuse to send or would rewrite first: the
 * request target goes on the wire exactly as given (percent-encodings, dot segments, doubled slashes, matrix
 * parameters, control characters). {@link #send} keeps its connection open between requests (reopened when the
 * server closes it); {@link #exchange} uses a connection of its own.
 */
public final class RawHttp implements AutoCloseable {

    /** Status, content type, the problem code if the body has one, and the raw answer. */
    public record Answer(int status, String contentType, String code, String requestId, String raw) {
    }

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern HEADER = Pattern.compile("(?im)^([A-Za-z-]+):\\s*(.*?)\\s*$");
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Answer send(String method, String target, String authorization, String body) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Accept: application/json, application/problem+json\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\n");
        }
        if (body != null || !"GET".equals(method) && !"HEAD".equals(method)) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
        try {
            return onOpenConnection(method, head, content);
        } catch (IOException closedMeanwhile) {
            close();
            try {
                return onOpenConnection(method, head, content);
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
        }
    }

    private Answer onOpenConnection(String method, byte[] head, byte[] content) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setSoTimeout(30_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
        }
        OutputStream out = socket.getOutputStream();
        out.write(head);
        out.write(content);
        out.flush();
        Answer answer = parse(readOne(in, "HEAD".equals(method)));
        if (answer.raw().toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close")) {
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

    /** One answer: its head, then a body by Content-Length, chunks, or up to the end of the connection. */
    private static String readOne(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String headers = line(in, all);
        if (headers.isEmpty()) {
            throw new IOException("connection closed");
        }
        long length = -1;
        boolean chunked = false;
        for (String line = line(in, all); !line.isEmpty(); line = line(in, all)) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        all.write('\r');
        all.write('\n');
        if (head) {
            return all.toString(StandardCharsets.UTF_8);
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in, all).split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line(in, all).split(";")[0].trim(), 16)) {
                all.write(in.readNBytes((int) size));
                line(in, all);
            }
            line(in, all);
        } else if (length >= 0) {
            all.write(in.readNBytes((int) length));
        } else {
            in.transferTo(all);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in, ByteArrayOutputStream copy) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        copy.write(line.toString().getBytes(StandardCharsets.ISO_8859_1));
        copy.write('\r');
        copy.write('\n');
        return line.toString();
    }

    /** Sends the bytes as they are (a whole request, head and body) on a new connection and reads one answer. */
    public Answer exchange(byte[] head, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return parse(readOne(new java.io.BufferedInputStream(socket.getInputStream()), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(String raw) {
        int space = raw.indexOf(' ');
        if (!raw.startsWith("HTTP/1.1 ") || space < 0) {
            throw new IllegalStateException("not an HTTP answer: " + raw);
        }
        int status = Integer.parseInt(raw.substring(space + 1, space + 4));
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String contentType = null;
        String requestId = null;
        Matcher header = HEADER.matcher(head);
        while (header.find()) {
            if (header.group(1).equalsIgnoreCase("Content-Type")) {
                contentType = header.group(2);
            } else if (header.group(1).equalsIgnoreCase("X-Request-Id")) {
                requestId = header.group(2);
            }
        }
        Matcher code = CODE.matcher(end < 0 ? "" : raw.substring(end));
        return new Answer(status, contentType, code.find() ? code.group(1) : null, requestId, raw);
    }
}
