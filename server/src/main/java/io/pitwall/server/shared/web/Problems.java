package io.pitwall.server.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds problem+json answers (RFC 9457) with a stable {@code code} and the request id. Used by the
 * controller advice and by filters that answer before any controller runs.
 */
@Component
public class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /**
     * Request attribute set by whoever already wrote a refusal of this request to the audit trail (with more detail
     * than the error answer knows), so the refusal is recorded once.
     */
    public static final String REFUSAL_AUDITED = "pitwall.refusal-audited";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(int status, String code, String detail, Map<String, Object> properties) {
        HttpStatus resolved = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(resolved == null ? "Error" : resolved.getReasonPhrase());
        problem.setType(URI.create("https://pitwall.io/problems/" + code));
        problem.setDetail(detail);
        problem.setProperty("code", code);
        String requestId = RequestIds.current();
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** A framework message with internal class names reduced to their simple names, for callers to read. */
    public static String withoutClassNames(String message) {
        return message.replaceAll("`?(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`?", "$1");
    }

    /** Writes a problem directly to a servlet response (for filters and security handlers). */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String detail)
            throws IOException {
        Map<String, Object> body = body(problem(status, code, detail, Map.of()), request.getRequestURI());
        prepare(response, status);
        // Written as bytes, not through writeValue(stream), which would close the stream: an open stream lets the
        // container read what is left of the request body before it ends the response, so the connection stays usable.
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /**
     * Prepares a problem answer for a request no filter has seen (an answer of the container itself) and returns
     * its body, for the caller to write: the request id is taken from, or given to, the request and set as the
     * {@code X-Request-Id} header. The URL is not echoed: it may be what was malformed.
     */
    String prepareOutsideFilters(
            HttpServletRequest request, HttpServletResponse response, int status, String code, String detail) {
        String requestId = RequestIds.of(request);
        ProblemDetail problem = problem(status, code, detail, Map.of());
        problem.setProperty("requestId", requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        prepare(response, status);
        return json.writeValueAsString(body(problem, null));
    }

    private static void prepare(HttpServletResponse response, int status) {
        response.setStatus(status);
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
    }

    private static Map<String, Object> body(ProblemDetail problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
