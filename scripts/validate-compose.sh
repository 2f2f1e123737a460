#!/usr/bin/env bash
# Validates the deployment files without a Docker engine (CI has none):
#   - docker-compose.yml, alone and with docker/compose.secrets.yml, loaded, interpolated with
#     .env.example and validated against the Compose Specification by the official loader
#     (compose-go, what `docker compose config` uses), unset variables and obsolete keys
#     counting as errors;
#   - that the stack refuses to start without POSTGRES_PASSWORD;
#   - the Dockerfile, with BuildKit's Dockerfile frontend and lint rules (`docker build --check`).
# The checker is a small Go program (scripts/validate-compose/), built once into .tools/bin and
# rebuilt only when its sources or the Go version change. Usage: scripts/validate-compose.sh
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - started) / 1000000 )) ms"; }

src=scripts/validate-compose
bin=.tools/bin/validate-compose
stamp=.tools/validate-compose.stamp

# Go's official installation directory is not always on PATH in non-login shells.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then PATH="/usr/local/go/bin:$PATH"; fi
if ! command -v go >/dev/null 2>&1; then
  echo "validate-compose: Go (>= 1.24) is required to build the compose checker (scripts/validate-compose)" >&2
  exit 1
fi
# Never download a Go toolchain, never rewrite go.mod/go.sum: the module's pins are the pins.
export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false"

want=$( (go version; cat "$src"/go.mod "$src"/go.sum "$src"/*.go) | sha256sum | cut -d' ' -f1)
if [[ -x "$bin" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "== compose checker: cached $bin"
else
  echo "== compose checker: building $bin (compose-go, BuildKit Dockerfile frontend; the first build downloads modules and takes about a minute)"
  mkdir -p .tools/bin
  (cd "$src" && go build -trimpath -o "../../$bin" .)
  echo "$want" > "$stamp"
  echo "   built in $(elapsed)"
fi

# A placeholder for the one required secret, as an operator's .env would have it.
placeholder=(-set POSTGRES_PASSWORD=placeholder-for-validation)

echo "== docker-compose.yml (compose spec, interpolated with .env.example)"
"$bin" -f docker-compose.yml -env-file .env.example "${placeholder[@]}"
"$bin" -f docker-compose.yml -f docker/compose.secrets.yml -env-file .env.example "${placeholder[@]}"
"$bin" -f docker-compose.yml -env-file .env.example -expect-error "required variable POSTGRES_PASSWORD is missing a value"

echo "== Dockerfile (BuildKit frontend and lint rules, base images not pulled)"
"$bin" dockerfile Dockerfile

echo "== deployment files valid ($(elapsed))"
