package io.pitwall.server.shared.web;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Pitwall's additions to the embedded Tomcat: the {@link ProblemErrorReportValve} in place of the error page
 * Spring Boot would install. Runs after Boot's own customizer, whose error report valve it replaces.
 */
@Component
class TomcatCustomization implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final Problems problems;

    TomcatCustomization(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(this::installErrorReport);
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
