package io.pitwall.server.shared.web;

import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Every error leaves as problem+json with a stable {@code code}; no stack trace ever reaches a caller.
 * A refused state-changing management request is also written to the audit trail.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private final ApplicationEventPublisher events;

    ProblemAdvice(ApplicationEventPublisher events) {
        this.events = events;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return answer(request, e.status(), e.code(), e.getMessage(), e.properties());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLarge) {
                return answer(request, 413, "payload-too-large", t.getMessage(), Map.of());
            }
            if (t instanceof SocketTimeoutException) {
                // The container has already answered 408 (pitwall.http.body-read-timeout); this keeps the audit true.
                return answer(request, 408, "request-timeout", "The request did not arrive in time", Map.of());
            }
        }
        BodyReadRefused refused = BodyReadRefused.in(e);
        if (refused != null) {
            return refusedBody(refused, request);
        }
        return answer(
                request,
                400,
                "malformed-body",
                "The request body is not valid JSON of the expected shape: " + rootMessage(e),
                Map.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f ->
                        Map.<String, Object>of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        return answer(request, 422, "validation-failed", "The request has invalid fields", Map.of("errors", errors));
    }

    @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class})
    ResponseEntity<ProblemDetail> invalidParameter(Exception e, HttpServletRequest request) {
        return answer(request, 400, "invalid-parameter", "A request parameter is invalid", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(
                request, 400, "invalid-parameter", "Parameter '" + e.getName() + "' has an invalid value", Map.of());
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(TypeMismatchException e, HttpServletRequest request) {
        return answer(
                request,
                400,
                "invalid-parameter",
                "Parameter '" + e.getPropertyName() + "' has an invalid value",
                Map.of());
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<ProblemDetail> binding(ServletRequestBindingException e, HttpServletRequest request) {
        return answer(request, 400, "invalid-request", "The request is missing a required part", Map.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(
                request, 400, "missing-parameter", "Parameter '" + e.getParameterName() + "' is required", Map.of());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return answer(request, 400, "missing-header", "Header '" + e.getHeaderName() + "' is required", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return answer(
                request,
                415,
                "unsupported-media-type",
                "Content type " + e.getContentType() + " is not accepted here; use " + e.getSupportedMediaTypes(),
                Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return answer(request, 406, "not-acceptable", "No acceptable representation", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(request, 405, "method-not-allowed", "Method " + e.getMethod() + " is not allowed here", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return answer(request, 404, "not-found", "No such resource", Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return answer(request, 413, "payload-too-large", "The request body is larger than allowed", Map.of());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> conflict(OptimisticLockingFailureException e, HttpServletRequest request) {
        return answer(
                request,
                409,
                "version-conflict",
                "The resource was changed by someone else; reload it and retry with its current version",
                Map.of());
    }

    /** A lock not granted in time (H2 gives up after seconds; a deadlock victim on PostgreSQL): retry soon. */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> busy(DataAccessException e, HttpServletRequest request) {
        log.warn(
                "Lock not granted serving {} {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        var answer = answer(request, 503, "busy", "The resource is busy; retry shortly", Map.of());
        return ResponseEntity.status(503)
                .headers(answer.getHeaders())
                .header("Retry-After", "1")
                .body(answer.getBody());
    }

    /** Any other framework error that already knows its status (4xx) keeps it. */
    @ExceptionHandler(org.springframework.web.ErrorResponseException.class)
    ResponseEntity<ProblemDetail> framework(ErrorResponse e, HttpServletRequest request) {
        int status = e.getStatusCode().value();
        return answer(
                request,
                status,
                status >= 500 ? "internal-error" : "invalid-request",
                status >= 500 ? "An unexpected error occurred" : "The request cannot be served as sent",
                Map.of());
    }

    /** A body that came too slowly, or would have waited while too many others wait ({@link BodyReads}). */
    @ExceptionHandler(BodyReadRefused.class)
    ResponseEntity<ProblemDetail> refusedBody(BodyReadRefused e, HttpServletRequest request) {
        var answer = answer(request, e.status(), e.code(), e.getMessage(), Map.of());
        return e.status() != 503
                ? answer
                : ResponseEntity.status(503)
                        .headers(answer.getHeaders())
                        .header("Retry-After", "1")
                        .body(answer.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        BodyReadRefused refused = BodyReadRefused.in(e);
        if (refused != null) {
            return refusedBody(refused, request);
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // The client went away mid-answer — a vehicle that read the part of an artifact it wanted and closed,
            // say. Nobody is left to answer and nothing went wrong here: no error report, no body.
            log.debug("Client disconnected during {} {}", request.getMethod(), request.getRequestURI());
            return null;
        }
        log.error("Unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(
                request,
                500,
                "internal-error",
                "An unexpected error occurred; quote the request id to support",
                Map.of());
    }

    private ResponseEntity<ProblemDetail> answer(
            HttpServletRequest request, int status, String code, String detail, Map<String, Object> properties) {
        if (status < 500 && isAuditedRequest(request) && request.getAttribute(Problems.REFUSAL_AUDITED) == null) {
            events.publishEvent(Audited.refused(
                    request.getMethod() + " " + request.getRequestURI(),
                    request.getRequestURI(),
                    Map.of("status", status, "code", code)));
        }
        ProblemDetail problem = Problems.problem(status, code, detail, properties);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
    }

    static boolean isAuditedRequest(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getRequestURI().startsWith("/api/")
                && !"GET".equals(method)
                && !"HEAD".equals(method)
                && !"OPTIONS".equals(method);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // Name types by their simple name only: no internal class names leak to callers.
        message = Problems.withoutClassNames(message);
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() > 200 ? first.substring(0, 200) : first;
    }
}
