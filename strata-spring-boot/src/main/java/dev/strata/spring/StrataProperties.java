package dev.strata.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code strata.*} properties of a Spring Boot application. Their metadata (IDE completion) is generated
 * from this class at build time.
 */
@ConfigurationProperties(prefix = "strata")
public class StrataProperties {
    /** Whether Strata runs at start-up. */
    private boolean enabled = true;
    /**
     * Where the SQL revisions are: classpath: locations (also inside the application's jar) and folders
     * (filesystem:PATH or a plain path, relative to the working directory), merged into one set.
     */
    private List<String> locations = new ArrayList<>(List.of("classpath:db/strata"));
    /** The revision to upgrade to at start-up: head, heads, latest, a revision id, a label@head. */
    private String target = "head";
    /** JDBC or libpq URL of a separate database connection for migrations; default: the application's DataSource. */
    private String url;
    /** User for the migration connection (with strata.url); default: the URL's user. */
    private String user;
    /** Password for the migration connection (with strata.url); default: the URL's password. */
    private String password;
    /** Schema of Strata's version and history tables. */
    private String schema = "public";
    /** Name of Strata's version table (the current heads). */
    private String versionTable = "strata_version";
    /** Name of Strata's history table (one row per applied revision, with its checksum and timing). */
    private String historyTable = "strata_history";
    /** How long to wait for another instance's migration lock before start-up fails; 0: do not wait. */
    private Duration lockWait = Duration.ofSeconds(60);
    /**
     * The lock_timeout of Strata's session: a DDL statement gives up waiting for a table lock after it (and is
     * retried), so start-up never queues behind a long transaction; 0: none.
     */
    private Duration lockTimeout = Duration.ofSeconds(2);
    /** The statement_timeout of Strata's session; 0: none. */
    private Duration statementTimeout = Duration.ZERO;
    /**
     * Only check, never migrate: start-up fails when revisions are pending, failed part way or changed after they
     * were applied (for replicas and instances that must not run DDL).
     */
    private boolean validateOnly = false;
    /**
     * Adopt a database that has tables but no Strata history: record strata.baseline-revision (default: the first
     * revision) as applied without running it, then upgrade from there (as Flyway's baselineOnMigrate). An empty
     * database is always migrated from the start.
     */
    private boolean baselineOnEmpty = false;
    /** The revision that matches an existing database, for strata.baseline-on-empty; default: the first revision. */
    private String baselineRevision;
    /** Upgrade although the database has applied revisions that this application does not have. */
    private boolean ignoreUnknown = false;
    /**
     * Lint the revisions an upgrade would apply before running any, and fail start-up on findings at or above the
     * failing severity (error; [lint] fail_on of strata.config), as the CLI's upgrade does.
     */
    private boolean failOnLint = true;
    /** Lint rules (ids such as SA001 or names) that do not fail start-up. */
    private List<String> lintAllow = new ArrayList<>();
    /** A strata.toml whose [lint] table sets the lint rules and fail_on (other keys are not read from it). */
    private String config;
    /** A package of Java revisions (classes annotated @StrataRevision), read from the application's class path. */
    private String javaPackage;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getVersionTable() {
        return versionTable;
    }

    public void setVersionTable(String versionTable) {
        this.versionTable = versionTable;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public boolean isValidateOnly() {
        return validateOnly;
    }

    public void setValidateOnly(boolean validateOnly) {
        this.validateOnly = validateOnly;
    }

    public boolean isBaselineOnEmpty() {
        return baselineOnEmpty;
    }

    public void setBaselineOnEmpty(boolean baselineOnEmpty) {
        this.baselineOnEmpty = baselineOnEmpty;
    }

    public String getBaselineRevision() {
        return baselineRevision;
    }

    public void setBaselineRevision(String baselineRevision) {
        this.baselineRevision = baselineRevision;
    }

    public boolean isIgnoreUnknown() {
        return ignoreUnknown;
    }

    public void setIgnoreUnknown(boolean ignoreUnknown) {
        this.ignoreUnknown = ignoreUnknown;
    }

    public String getJavaPackage() {
        return javaPackage;
    }

    public void setJavaPackage(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    public boolean isFailOnLint() {
        return failOnLint;
    }

    public void setFailOnLint(boolean failOnLint) {
        this.failOnLint = failOnLint;
    }

    public List<String> getLintAllow() {
        return lintAllow;
    }

    public void setLintAllow(List<String> lintAllow) {
        this.lintAllow = lintAllow;
    }

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
    }
}
