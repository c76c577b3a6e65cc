package dev.strata.postgres;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * libpq connection parameters spelled the way pgjdbc wants them. Parameters both know by the same name
 * (sslmode, sslcert, sslkey, sslrootcert, sslpassword, options) and unknown ones pass through.
 */
final class LibpqParameters {
    private static final Map<String, String> RENAMED = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType",
            "keepalives", "tcpKeepAlive",
            "gssencmode", "gssEncMode");

    private static final Map<String, String> SESSION_ATTRS = Map.of(
            "any", "any",
            "read-write", "primary",
            "primary", "primary",
            "read-only", "secondary",
            "standby", "secondary",
            "prefer-standby", "preferSecondary");

    private LibpqParameters() {
    }

    static void put(Properties p, String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        String name = RENAMED.getOrDefault(k, key);
        String v = value;
        if (k.equals("target_session_attrs")) {
            v = SESSION_ATTRS.getOrDefault(value.toLowerCase(Locale.ROOT), value);
        } else if (k.equals("keepalives")) {
            v = value.equals("0") ? "false" : "true";
        }
        p.setProperty(name, v);
    }
}
