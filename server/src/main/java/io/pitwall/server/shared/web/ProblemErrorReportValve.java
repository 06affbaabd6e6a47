package io.pitwall.server.shared.web;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report in Pitwall's form. What the container refuses before any filter or controller runs (a
 * malformed request line, bad percent-encoding, {@code %00}, an over-long URL or header, {@code TRACE}, a request
 * body that stopped arriving) and any error status answered without a body leave as problem+json with a stable
 * {@code code} for the status Tomcat chose, and a request id in the body and the {@code X-Request-Id} header,
 * instead of Tomcat's HTML page. Installed as the host's error report valve ({@link TomcatCustomization}).
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    private final Problems problems;

    ProblemErrorReportValve(Problems problems) {
        this.problems = problems;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ContainerRefusal refusal = ContainerRefusal.of(status);
        try {
            String body = problems.prepareOutsideFilters(request, response, status, refusal.code(), refusal.detail());
            // The reporter writes whether or not the application had taken the output stream or the writer.
            PrintWriter out = response.getReporter();
            if (out != null) {
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            log.debug(
                    "Could not write the error answer {} to {} {}",
                    status,
                    request.getMethod(),
                    request.getDecodedRequestURI(),
                    e);
        }
    }
}
