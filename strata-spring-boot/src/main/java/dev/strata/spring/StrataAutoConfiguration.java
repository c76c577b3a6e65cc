package dev.strata.spring;

import dev.strata.engine.Strata;
import dev.strata.engine.logging.RunLogger;
import dev.strata.engine.metrics.StrataMetrics;
import dev.strata.run.RunListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Configures a {@link Strata} over the application's DataSource (or {@code strata.url}) and a
 * {@link StrataMigrationInitializer} that upgrades the database while the context starts. Boot's
 * database-initialisation ordering (the {@link StrataDatabaseInitializerDetector} registered in
 * {@code META-INF/spring.factories} and {@link DatabaseInitializationDependencyConfigurer}) makes the JPA
 * EntityManagerFactory, JdbcTemplate, jOOQ and every bean annotated {@code @DependsOnDatabaseInitialization}
 * wait for it, as they wait for Flyway.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",   // Boot 3
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})  // Boot 4
@ConditionalOnClass(name = "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer")
@ConditionalOnProperty(prefix = "strata", name = "enabled", matchIfMissing = true)
@Conditional(StrataAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(StrataProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class StrataAutoConfiguration {

    /** Strata over the migration database, logging its runs through SLF4J and telling every RunListener bean. */
    @Bean
    @ConditionalOnMissingBean
    public Strata strata(StrataProperties properties, ObjectProvider<DataSource> dataSource,
                         ObjectProvider<RunListener> listeners, ApplicationContext context) {
        List<RunListener> all = new ArrayList<>();
        all.add(new RunLogger());
        listeners.orderedStream().forEach(all::add);
        Strata.Configuration c = Strata.configure()
                .dataSource(properties.getUrl() != null ? MigrationDataSource.of(properties)
                        : dataSource.getObject())
                .locations(properties.getLocations().toArray(String[]::new))
                .schema(properties.getSchema())
                .tables(properties.getVersionTable(), properties.getHistoryTable())
                .lockWait(properties.getLockWait())
                .lockTimeout(properties.getLockTimeout())
                .statementTimeout(properties.getStatementTimeout())
                .ignoreUnknown(properties.isIgnoreUnknown())
                .listener(event -> all.forEach(l -> l.on(event)));
        if (context.getClassLoader() != null) {
            c.classLoader(context.getClassLoader());
        }
        if (properties.getConfig() != null) {
            c.configFile(java.nio.file.Path.of(properties.getConfig()));
        }
        if (properties.getJavaPackage() != null) {
            c.javaPackage(properties.getJavaPackage());
        }
        return c.load();
    }

    /** Runs the upgrade (or the validation) when it is initialised, before the beans that depend on the schema. */
    @Bean
    @ConditionalOnMissingBean
    public StrataMigrationInitializer strataMigrationInitializer(Strata strata, StrataProperties properties,
                                                                 ObjectProvider<StatusListener> statusListeners) {
        return new StrataMigrationInitializer(strata, properties, statusListeners.orderedStream().toList());
    }

    /** The migration runs at start-up also with {@code spring.main.lazy-initialization=true}. */
    @Bean
    static LazyInitializationExcludeFilter eagerStrataMigrationInitializer() {
        return LazyInitializationExcludeFilter.forBeanTypes(StrataMigrationInitializer.class);
    }

    /** Meters, when Micrometer is on the class path (Actuator binds every MeterBinder bean to its registry). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        StrataMetrics strataMetrics() {
            return new StrataMetrics();
        }

        @Bean
        StatusListener strataMetricsStatus(StrataMetrics metrics) {
            return metrics::update;
        }
    }

    /** A DataSource bean, or {@code strata.url} for a migration connection of its own. */
    static final class DatabaseCondition extends AnyNestedCondition {
        DatabaseCondition() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        static final class DataSourceBean {
        }

        @ConditionalOnProperty(prefix = "strata", name = "url")
        static final class MigrationUrl {
        }
    }
}
