package io.pitwall.server.shared.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's request mapping with a short way for one URL prefix that carries most of the traffic.
 *
 * <p>A URL with a path variable ({@code /device/v1/vehicles/{vin}/checkin}) is not a direct path, so the
 * stock lookup tests the request against every mapping the server has; with a few hundred operator
 * endpoints that scan was a fifth of a check-in's CPU. Here, a path under {@link #prefix} is first tested
 * against only the mappings registered under that prefix. Exactly one match is taken as is; none, several
 * or a CORS pre-flight go to the stock lookup, which then answers exactly as before (404, 405, 415,
 * ambiguity). The short way is safe only if no other mapping could match a path under the prefix, so
 * it switches itself off (and says so) when some other mapping's pattern has a variable or wildcard where
 * the prefix's segments are.
 *
 * <p>When a route and method matched but the content type or the accepted types did not, the
 * {@link HandlerGate} is asked first: a caller who may use none of those handlers is refused as such (401 or
 * 403), not told which media types the route takes.
 */
public class HotPathHandlerMapping extends RequestMappingHandlerMapping {

    private static final Logger log = LoggerFactory.getLogger(HotPathHandlerMapping.class);

    private final String prefix;
    private volatile Map<RequestMappingInfo, HandlerMethod> hot = Map.of();

    public HotPathHandlerMapping(String prefix) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.contains("{") || prefix.contains("*")) {
            throw new IllegalArgumentException("A hot path prefix is literal, from / to /: " + prefix);
        }
        this.prefix = prefix;
    }

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        Map<RequestMappingInfo, HandlerMethod> under = new LinkedHashMap<>();
        for (var entry : handlerMethods.entrySet()) {
            var patterns = entry.getKey().getPatternValues();
            if (!patterns.isEmpty() && patterns.stream().allMatch(p -> p.startsWith(prefix))) {
                under.put(entry.getKey(), entry.getValue());
            } else if (patterns.stream().anyMatch(this::couldMatchUnderPrefix)) {
                log.warn("Hot path {} disabled: {} could also match it", prefix, entry.getKey());
                return;
            }
        }
        hot = Map.copyOf(under);
        log.debug("Hot path {}: {} mappings", prefix, under.size());
    }

    /** Mappings the short way chooses among; empty when it is switched off. */
    public Map<RequestMappingInfo, HandlerMethod> hotMappings() {
        return hot;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        if (!lookupPath.startsWith(prefix) || hot.isEmpty() || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        RequestMappingInfo matched = null;
        HandlerMethod handler = null;
        for (var entry : hot.entrySet()) {
            RequestMappingInfo match = getMatchingMapping(entry.getKey(), request);
            if (match != null) {
                if (matched != null) {
                    return super.lookupHandlerMethod(lookupPath, request);
                }
                matched = match;
                handler = entry.getValue();
            }
        }
        if (matched == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(matched, lookupPath, request);
        return handler;
    }

    @Override
    protected HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath, HttpServletRequest request)
            throws ServletException {
        HandlerGate gate =
                obtainApplicationContext().getBeanProvider(HandlerGate.class).getIfAvailable();
        if (gate != null) {
            RuntimeException refusal = null;
            Map<RequestMappingInfo, HandlerMethod> handlers = getHandlerMethods();
            for (RequestMappingInfo info : infos) {
                if (info.getActivePatternsCondition().getMatchingCondition(request) == null
                        || info.getMethodsCondition().getMatchingCondition(request) == null) {
                    continue;
                }
                try {
                    gate.check(handlers.get(info), request);
                    refusal = null;
                    break;
                } catch (RuntimeException refused) {
                    refusal = refusal == null ? refused : refusal;
                }
            }
            if (refusal != null) {
                throw refusal;
            }
        }
        return super.handleNoMatch(infos, lookupPath, request);
    }

    /** Whether a pattern outside the prefix could still match a path under it. */
    private boolean couldMatchUnderPrefix(String pattern) {
        List<String> mine = segments(prefix);
        List<String> theirs = segments(pattern);
        boolean spansSegments = pattern.contains("**") || pattern.contains("{*");
        if (!spansSegments && theirs.size() <= mine.size()) {
            return false; // too short for any path under the prefix
        }
        for (int i = 0; i < mine.size(); i++) {
            if (i >= theirs.size()) {
                return false;
            }
            String segment = theirs.get(i);
            if (segment.contains("{") || segment.contains("*")) {
                return true;
            }
            if (!segment.equals(mine.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        return List.of(path.replaceAll("^/+", "").split("/+"));
    }
}
