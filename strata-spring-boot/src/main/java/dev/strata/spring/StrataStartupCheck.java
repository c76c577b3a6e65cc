package dev.strata.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says in one WARN line when an application started with Strata revisions on its class path but Strata did not
 * run: the auto-configuration did not apply (no DataSource bean, e.g. Boot 4 without spring-boot-jdbc; no
 * auto-configuration at all), with Boot's own reason. Silent when Strata ran or {@code strata.enabled=false}.
 * Registered as an ApplicationListener in {@code META-INF/spring.factories}, so it runs whether or not the
 * auto-configuration does.
 */
public class StrataStartupCheck implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.strata");

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (!context.getBeansOfType(StrataMigrationInitializer.class, false, false).isEmpty()) {
            return;
        }
        Environment env = context.getEnvironment();
        if (!env.getProperty("strata.enabled", Boolean.class, true)) {
            return;
        }
        String found = revisionsOnClassPath(context, env);
        if (found == null) {
            return;
        }
        LOG.warn("Strata: revisions found in {} but no Strata migration ran at start-up: {}", found, reason(context));
    }

    /** The first classpath location with a .sql file, or null. */
    private static String revisionsOnClassPath(ConfigurableApplicationContext context, Environment env) {
        String[] locations = env.getProperty("strata.locations", String[].class, new String[] {"classpath:db/strata"});
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(context.getClassLoader());
        for (String location : locations) {
            if (!location.startsWith("classpath:")) {
                continue;
            }
            String path = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            try {
                Resource[] sql = resolver.getResources("classpath*:" + path + "/**/*.sql");
                if (sql.length > 0) {
                    return location;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static String reason(ConfigurableApplicationContext context) {
        ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
        var outcomes = report.getConditionAndOutcomesBySource().get(StrataAutoConfiguration.class.getName());
        if (outcomes == null) {
            return "the Strata auto-configuration was not considered (no @SpringBootApplication or"
                    + " @EnableAutoConfiguration, or it is excluded)";
        }
        List<String> why = new ArrayList<>();
        outcomes.forEach(o -> {
            if (!o.getOutcome().isMatch()) {
                why.add(o.getOutcome().getMessage());
            }
        });
        String text = why.stream().collect(Collectors.joining("; "));
        if (text.contains("javax.sql.DataSource")) {
            return "there is no DataSource bean and no strata.url (on Spring Boot 4 add spring-boot-starter-jdbc: the"
                    + " DataSource auto-configuration moved to the spring-boot-jdbc module; or set strata.url)";
        }
        return text.isEmpty() ? "the Strata auto-configuration did not apply" : text;
    }

}
