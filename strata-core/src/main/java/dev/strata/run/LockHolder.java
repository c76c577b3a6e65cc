package dev.strata.run;

import java.time.Instant;

/**
 * Who holds the migration lock, as pg_stat_activity tells it.
 *
 * @param pid             backend pid of the holder
 * @param applicationName its application_name (Strata sets "strata")
 * @param clientAddress   its client address, or "local"
 * @param user            its user name
 * @param since           when it took the lock (Strata records this in its application_name); else when its session began
 */
public record LockHolder(int pid, String applicationName, String clientAddress, String user, Instant since) {
    /** One phrase for messages: "pid 4242 (strata upgrade, postgres@10.0.0.5) since 2026-11-21 09:00:03 UTC". */
    public String describe() {
        StringBuilder b = new StringBuilder("pid ").append(pid).append(" (");
        b.append(applicationName == null || applicationName.isBlank() ? "no application_name" : applicationName);
        b.append(", ").append(user == null ? "?" : user).append('@').append(clientAddress == null ? "local" : clientAddress);
        b.append(')');
        if (since != null) {
            b.append(" since ").append(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC).format(since));
        }
        return b.toString();
    }
}
