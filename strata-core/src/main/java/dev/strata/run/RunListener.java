package dev.strata.run;

/** Receives {@link RunEvent}s. */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = event -> { };

    void on(RunEvent event);
}
