# syntax=docker/dockerfile:1
#
# The sync worker image: `docker build -t saleswings-sync-worker .`
#
# Debian (glibc) on purpose, never Alpine: Temporal's native core bridge ships prebuilt binaries
# for glibc Linux only (x86_64 and aarch64), and @swc/core, which bundles the workflow code,
# needs its glibc build as well.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript and bundle the workflow code --------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs its install script here (native code arrives as
# per-platform packages), and the build then runs no third-party code while installing.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY docker/build-workflow-bundle.mjs ./docker/
# The bundle step fails the image build when workflow code cannot run in Temporal's sandbox.
RUN npm run build \
 && node docker/build-workflow-bundle.mjs lib

# ---- deps: production dependencies only -----------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# @temporalio/worker depends on webpack, swc-loader and @swc/core, so the worker can still
# bundle workflow code at start-up with devDependencies omitted.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="saleswings-sync-worker" \
      org.opencontainers.image.description="Durable SalesWings / Salesforce sync: Temporal worker and operator CLI"
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the `node` user the worker runs as: the worker writes nothing
# to disk (workflow bundling happens in memory).
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY bin ./bin
# The operator CLI, for `docker compose exec worker saleswings-sync schedule apply`.
RUN ln -s /app/bin/saleswings-sync.js /usr/local/bin/saleswings-sync
USER node
# Prometheus metrics (METRICS_PORT; docker-compose.yml sets 9464).
EXPOSE 9464
# Healthy when the metrics endpoint answers; without METRICS_PORT there is nothing to probe
# and a process that is still running counts as healthy (it exits on fatal errors).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p = process.env.METRICS_PORT; if (!p) process.exit(0); fetch('http://127.0.0.1:' + p + '/metrics').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]
# The Temporal runtime handles SIGTERM: no new tasks are polled, running activities get
# WORKER_SHUTDOWN_GRACE to finish, the rest are retried by another worker.
STOPSIGNAL SIGTERM
CMD ["node", "lib/worker.js"]
