package dev.strata.engine.monitor;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where run spans go: an application's own {@link OpenTelemetry}, or one built by the SDK's autoconfiguration from
 * the standard {@code OTEL_*} environment variables when they configure a traces exporter ({@code
 * OTEL_TRACES_EXPORTER}, other than {@code none}, or {@code OTEL_EXPORTER_OTLP_ENDPOINT} / {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), and nowhere otherwise (off by default). Only traces are exported: metrics
 * and logs exporters default to {@code none} here unless their own variables choose one. Closing an SDK Strata built
 * flushes and shuts it down; an application's own is left alone.
 */
public final class Telemetry implements AutoCloseable {
    /** No spans. */
    public static final Telemetry NONE = new Telemetry(null, null);

    private final OpenTelemetry otel;
    private final OpenTelemetrySdk owned;

    private Telemetry(OpenTelemetry otel, OpenTelemetrySdk owned) {
        this.otel = otel;
        this.owned = owned;
    }

    /** The application's own OpenTelemetry (Strata does not shut it down). */
    public static Telemetry of(OpenTelemetry otel) {
        return otel == null ? NONE : new Telemetry(otel, null);
    }

    /** Whether the variables configure a traces exporter. */
    public static boolean configured(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) {
            return false;
        }
        String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip();
        if (!exporter.isEmpty()) {
            return !exporter.equalsIgnoreCase("none");
        }
        return !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
                || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank();
    }

    /** An SDK from the {@code OTEL_*} variables of {@code env} when they configure a traces exporter, else none. */
    public static Telemetry fromEnvironment(Map<String, String> env) {
        if (!configured(env)) {
            return NONE;
        }
        Map<String, String> props = new HashMap<>();
        props.put("otel.metrics.exporter", "none");
        props.put("otel.logs.exporter", "none");
        props.put("otel.service.name", "strata");
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) {
                props.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> props)
                .build().getOpenTelemetrySdk();
        return new Telemetry(sdk, sdk);
    }

    /** Whether spans go anywhere. */
    public boolean enabled() {
        return otel != null;
    }

    public OpenTelemetry openTelemetry() {
        return otel == null ? OpenTelemetry.noop() : otel;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
