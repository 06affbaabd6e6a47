package io.pitwall.server.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.method.HandlerMethod;

/**
 * Decides whether the caller may use a handler at all, before anything else is said about the request. The
 * access module implements it; request mapping asks it too when a route matched but the request's content
 * type or accepted types did not, so a caller who may not use the route learns no more than that.
 */
public interface HandlerGate {

    /** Returns normally when the caller may use the handler; else throws an {@link io.pitwall.server.shared.ApiException}. */
    void check(HandlerMethod handler, HttpServletRequest request);
}
