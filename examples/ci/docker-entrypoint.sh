#!/bin/sh
# Container entrypoint (seed 000 §5.3 with Strata in place of Alembic): wait for the database, migrate,
# then replace this shell with the application, so the application gets the signals (PID 1).
#
#   ENTRYPOINT ["/app/docker-entrypoint.sh"]
#   CMD ["java", "-jar", "/app/app.jar"]
#
# The database URL comes from the environment as for any Strata command: DATABASE_URL_{ENVIRONMENT},
# else DATABASE_URL, else strata.toml. Many replicas may start at once: Strata's advisory lock lets one
# migrate while the others wait, then find nothing to do.
#
#   STRATA              how to run Strata (default: strata on the PATH; e.g. "java -jar /opt/strata.jar")
#   STRATA_WAIT_FOR_DB  how long to wait for the database to accept connections (default 60s)
#   STRATA_PREFLIGHT    "on": run `strata preflight` before upgrading (needs a Strata with that command)
#   STRATA_TARGET       what to upgrade to (default head)
set -eu

STRATA="${STRATA:-strata}"
WAIT="${STRATA_WAIT_FOR_DB:-60s}"

if [ "${STRATA_PREFLIGHT:-off}" = "on" ]; then
  echo "Checking the database before migrating..."
  # shellcheck disable=SC2086  # STRATA may be a command with arguments
  $STRATA --wait-for-db "$WAIT" preflight
  WAIT=0                        # it is up now
fi

echo "Running database migrations..."
# shellcheck disable=SC2086
$STRATA --wait-for-db "$WAIT" upgrade "${STRATA_TARGET:-head}"

echo "Starting application..."
exec "$@"
