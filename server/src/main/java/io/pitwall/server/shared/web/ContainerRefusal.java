package io.pitwall.server.shared.web;

/**
 * The stable code and text of an error status the servlet container answered by itself; the container does not
 * say more than the status in a form worth promising (its messages are localized and change between versions).
 */
record ContainerRefusal(String code, String detail) {

    static ContainerRefusal of(int status) {
        return switch (status) {
            case 400 ->
                new ContainerRefusal(
                        "malformed-request",
                        "The request is not valid HTTP: a malformed request "
                                + "line, header or percent-encoding (%00 included), or a request line or headers over the size limit");
            case 401 -> new ContainerRefusal("unauthenticated", "Authenticate to use this resource");
            case 403 -> new ContainerRefusal("permission-denied", "Access denied");
            case 404 -> new ContainerRefusal("not-found", "No such resource");
            case 405 -> new ContainerRefusal("method-not-allowed", "This method is not allowed here");
            case 408 -> new ContainerRefusal("request-timeout", "The request did not arrive in time");
            case 411 ->
                new ContainerRefusal("length-required", "A request body needs a Content-Length or chunked encoding");
            case 413 -> new ContainerRefusal("payload-too-large", "The request body is larger than allowed");
            case 414 -> new ContainerRefusal("uri-too-long", "The request URL is longer than allowed");
            case 417 -> new ContainerRefusal("expectation-failed", "The Expect header cannot be met");
            case 431 -> new ContainerRefusal("header-too-large", "The request headers are larger than allowed");
            case 501 ->
                new ContainerRefusal(
                        "not-implemented", "The request uses a transfer encoding this server does not implement");
            case 503 -> new ContainerRefusal("unavailable", "The server cannot serve the request now; retry shortly");
            case 505 -> new ContainerRefusal("http-version-not-supported", "The HTTP version is not supported");
            default ->
                status < 500
                        ? new ContainerRefusal("request-refused", "The request cannot be served as sent")
                        : new ContainerRefusal(
                                "internal-error", "An unexpected error occurred; quote the request id to support");
        };
    }
}
