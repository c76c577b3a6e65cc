package dev.strata.cli;

import dev.strata.engine.config.Redaction;

import java.io.PrintWriter;

/**
 * Where commands print: data to standard output (text, or JSON with {@code --json}), progress and
 * notices to standard error so that output stays pipeable. Everything passes through password redaction.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final boolean verbose;

    public Console(PrintWriter out, PrintWriter err, boolean json, boolean quiet, boolean verbose) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    /** A line of data on standard output. */
    public void line(String text) {
        out.println(Redaction.redact(text));
    }

    /** Raw text on standard output (offline SQL), not redacted: it contains only what the files say. */
    public void raw(String text) {
        out.print(text);
        out.flush();
    }

    /** Whether {@link #info} prints anything: callers may skip making lines no one sees (one per revision). */
    public boolean informs() {
        return !quiet && !json;
    }

    /** Progress for people, on standard error; silent with --quiet or --json. */
    public void info(String text) {
        if (informs()) {
            err.println(Redaction.redact(text));
        }
    }

    /** Whether standard error is a terminal, so progress can be redrawn in place. */
    public boolean terminal() {
        return System.console() != null && !quiet && !json;
    }

    /** A progress line redrawn in place on a terminal. */
    public void progress(String text) {
        err.print("\r" + Redaction.redact(text) + "\u001b[K");
        err.flush();
    }

    /** Ends a progress line drawn with {@link #progress}. */
    public void progressDone() {
        err.println();
    }

    /** A machine-readable event line on standard error (with --json): one line, whatever the values hold. */
    public void event(Object event) {
        err.println(Redaction.redact(Json.line(event)));
        err.flush();
    }

    /** Detail shown only with --verbose. */
    public void debug(String text) {
        if (verbose) {
            err.println(Redaction.redact(text));
        }
    }

    /** A warning, always shown on standard error. */
    public void warn(String text) {
        err.println("warning: " + Redaction.redact(text));
    }

    /** Shows an engine notice by its level. */
    public void notice(dev.strata.run.RunEvent.Notice n) {
        switch (n.level()) {
            case DEBUG -> debug(n.text());
            case INFO -> info(n.text());
            case WARNING -> warn(n.text());
            default -> throw new IllegalStateException("unknown level " + n.level());
        }
    }

    /** Writes a JSON document on standard output. */
    public void json(Object value) {
        out.println(Redaction.redact(Json.pretty(value)));
        out.flush();
    }
}
