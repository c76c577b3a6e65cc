package dev.strata.spring;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Boot that {@link StrataMigrationInitializer} initialises the database, so that the beans Boot knows to
 * depend on the schema (JPA's EntityManagerFactory, JdbcTemplate, jOOQ, {@code @DependsOnDatabaseInitialization})
 * are created after it. Registered in {@code META-INF/spring.factories} under {@link DatabaseInitializerDetector}.
 */
public class StrataDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(StrataMigrationInitializer.class);
    }
}
