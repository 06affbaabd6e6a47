package io.pitwall.server.shared.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Puts every request body behind {@link BodyReads}, for the application and after it: when the answer is ready and
 * part of the body was never read, Tomcat would read ("swallow") the rest with no bound on its time, holding the
 * thread. Here the rest is read under the same rules instead, and a rest that does not come in time, is refused or
 * is longer than Tomcat's swallow limit closes the connection once the answer is written.
 */
final class BodyReadValve extends ValveBase {

    private final BodyReads reads;
    private final long maxSwallowBytes;

    BodyReadValve(BodyReads reads, long maxSwallowBytes) {
        super(true);
        this.reads = reads;
        this.maxSwallowBytes = maxSwallowBytes;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            getNext().invoke(request, response);
            return;
        }
        GuardedRequest guarded = new GuardedRequest(request.getRequest());
        request.setRequest(guarded);
        getNext().invoke(request, response);
        if (!request.isAsync()) {
            finish(request, response, guarded);
        }
    }

    private void finish(Request request, Response response, GuardedRequest guarded) throws IOException {
        AtomicBoolean fullyRead = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        if (fullyRead.get()) {
            return;
        }
        long length = request.getContentLengthLong();
        boolean drained = !response.isError()
                && !request.getCoyoteRequest().hasExpectation()
                && (length < 0 || length - request.getCoyoteRequest().getBytesRead() <= maxSwallowBytes)
                && guarded.body().drain(maxSwallowBytes);
        if (!drained) {
            // Answer, then close: nothing is read of this body any more.
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }

    /** The application's view of the request: its body under {@link BodyReads}. */
    private final class GuardedRequest extends HttpServletRequestWrapper {

        private BodyReads.Body body;
        private BufferedReader reader;

        GuardedRequest(HttpServletRequest request) {
            super(request);
        }

        BodyReads.Body body() throws IOException {
            if (body == null) {
                body = reads.guard(super.getInputStream());
            }
            return body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called for this request");
            }
            return body();
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (body != null) {
                    throw new IllegalStateException("getInputStream() has already been called for this request");
                }
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(body(), charset));
            }
            return reader;
        }
    }
}
