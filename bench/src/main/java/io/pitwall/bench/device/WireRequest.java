package io.pitwall.bench.device;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A prepared HTTP/1.1 request, rendered once to the bytes a {@link KeepAliveConnection} sends, so the
 * load threads spend no CPU building requests while the server is measured.
 */
record WireRequest(String method, String path, byte[] bytes) {

    static WireRequest post(String host, String path, String authorization, String contentType, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Accept: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        var out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return new WireRequest("POST", path, out.toByteArray());
    }
}
