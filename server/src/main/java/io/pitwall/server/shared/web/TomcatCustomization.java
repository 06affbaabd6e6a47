package io.pitwall.server.shared.web;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Pitwall's additions to the embedded Tomcat: the request body timeout ({@code pitwall.http.body-read-timeout} as
 * the connection upload timeout), the {@link BodyReadValve} in front of the application, and the
 * {@link ProblemErrorReportValve} in place of the error page Spring Boot would install. Runs after Boot's own
 * customizer, whose error report valve it replaces.
 */
@Component
class TomcatCustomization implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final HttpSettings settings;
    private final Problems problems;
    private final long maxSwallowBytes;

    TomcatCustomization(
            HttpSettings settings,
            Problems problems,
            @Value("${server.tomcat.max-swallow-size:2MB}") DataSize maxSwallowSize) {
        this.settings = settings;
        this.problems = problems;
        this.maxSwallowBytes = maxSwallowSize.toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout(
                        Math.toIntExact(settings.bodyReadTimeout().toMillis()));
            }
        });
        BodyReads reads = new BodyReads(settings, System::nanoTime);
        factory.addContextCustomizers(context -> {
            context.getPipeline().addValve(new BodyReadValve(reads, maxSwallowBytes));
            installErrorReport(context);
        });
    }

    private void installErrorReport(Context context) {
        Container host = context.getParent();
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (host instanceof StandardHost standard) {
            // Else the host adds Tomcat's own error report valve when it starts, finding none of that class.
            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
        pipeline.addValve(new ProblemErrorReportValve(problems));
    }
}
