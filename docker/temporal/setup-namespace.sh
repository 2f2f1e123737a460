#!/bin/sh
# One-shot job (temporalio/admin-tools) run after the Temporal server is up: creates the
# namespace when it does not exist yet and registers the product's custom search attributes
# in it (src/workflows/search-attributes.ts). With SQL visibility, custom search attributes
# belong to one namespace and a workflow that sets an unregistered one fails its task, so
# workers start only after this job has succeeded. Idempotent: existing attributes with the
# right type are left alone; one that exists with another type stops the job with an error.
#
# Environment:
#   TEMPORAL_ADDRESS     frontend host:port (default temporal:7233)
#   NAMESPACE            namespace to create/use (default "default")
#   NAMESPACE_RETENTION  how long closed workflow histories are kept (default 168h)
#   SEARCH_ATTRIBUTES    space-separated Name=Type pairs, e.g. "SyncMode=Keyword SyncFailedRecords=Int"
set -eu

: "${TEMPORAL_ADDRESS:=temporal:7233}"
: "${NAMESPACE:=default}"
: "${NAMESPACE_RETENTION:=168h}"
: "${SEARCH_ATTRIBUTES:?SEARCH_ATTRIBUTES is required (Name=Type pairs)}"

# Name resolution of the compose service can return an address the CLI's gRPC dialer does not
# use reliably; connecting to the resolved IPv4 address avoids spurious "connection refused".
host=${TEMPORAL_ADDRESS%:*}
port=${TEMPORAL_ADDRESS##*:}
ip=$(getent ahosts "$host" 2>/dev/null | awk '/STREAM/ { print $1; exit }' || true)
if [ -n "$ip" ]; then TEMPORAL_ADDRESS="${ip}:${port}"; fi
export TEMPORAL_ADDRESS
echo "Temporal frontend: ${TEMPORAL_ADDRESS}"

retry() {
  # retry <attempts> <command...>: the server answers health checks a little before every
  # service (and a namespace just created) is ready.
  attempts=$1
  shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then return 1; fi
    n=$((n + 1))
    sleep 2
  done
}

echo "Waiting for the Temporal server..."
if ! retry 60 temporal operator cluster health >/dev/null 2>&1; then
  echo "Temporal did not become healthy at ${TEMPORAL_ADDRESS}" >&2
  exit 1
fi

if temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "Namespace ${NAMESPACE}: exists"
else
  echo "Namespace ${NAMESPACE}: creating (retention ${NAMESPACE_RETENTION})"
  retry 10 temporal operator namespace create --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION"
fi

list_attributes() {
  temporal operator search-attribute list --namespace "$NAMESPACE"
}

existing=$(retry 15 list_attributes)
for pair in $SEARCH_ATTRIBUTES; do
  name=${pair%%=*}
  type=${pair#*=}
  if printf '%s\n' "$existing" | grep -Eq "^[[:space:]]*${name}[[:space:]]+${type}[[:space:]]*$"; then
    echo "Search attribute ${name} (${type}): registered"
  elif printf '%s\n' "$existing" | grep -Eq "^[[:space:]]*${name}[[:space:]]"; then
    echo "Search attribute ${name} exists with another type than ${type}:" >&2
    printf '%s\n' "$existing" | grep -E "^[[:space:]]*${name}[[:space:]]" >&2
    exit 1
  else
    echo "Search attribute ${name} (${type}): creating"
    retry 15 temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type"
  fi
done

# Read back: every attribute must now be listed with its type.
existing=$(retry 15 list_attributes)
missing=""
for pair in $SEARCH_ATTRIBUTES; do
  name=${pair%%=*}
  type=${pair#*=}
  printf '%s\n' "$existing" | grep -Eq "^[[:space:]]*${name}[[:space:]]+${type}[[:space:]]*$" || missing="${missing} ${pair}"
done
if [ -n "$missing" ]; then
  echo "Search attributes not registered:${missing}" >&2
  exit 1
fi
echo "Namespace ${NAMESPACE} is ready with its search attributes"
