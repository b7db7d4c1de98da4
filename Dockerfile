# syntax=docker/dockerfile:1
# The three Orkestra images from one build, one target each (tags = the chart's image values):
#   docker build --target runtime        -t ghcr.io/orkspace/orkestra:0.1.0 .
#   docker build --target gateway        -t ghcr.io/orkspace/orkestra-gateway:0.1.0 .
#   docker build --target control-center -t ghcr.io/orkspace/orkestra-cc:0.1.0 .
# A final stage holds one esbuild bundle and nothing else of the repository: no node_modules, no
# sources, no generator or planner (DESIGN §1, "two binaries, two attack surfaces"). Each bundle
# reads its version from ../package.json and the Control Center its UI from ../public/, relative to
# itself, so they keep the repository's layout under /app: /app/dist/<bundle>, /app/package.json.
# The files stay owned by root: the non-root user can read its code but never change it, and the
# chart runs it with readOnlyRootFilesystem (only /tmp, an emptyDir, is writable).
# conformance/src/container-images.test.ts assembles every final stage from this file and runs it.
# The base images are build arguments: without a daemon or a registry, tools/images/build-app builds
# the three final stages from this file on a locally assembled RUN_IMAGE (tools/images/README.md).

ARG BUILD_IMAGE=node:20-bookworm
# Distroless: Node 20 and CA certificates, no shell, no package manager; user nonroot is 65532.
ARG RUN_IMAGE=gcr.io/distroless/nodejs20-debian12:nonroot

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# esbuild's install script only checks its binary: skip scripts here, `npm run build` is the build.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm run build

FROM ${RUN_IMAGE} AS base
# Kept equal to the chart's appVersion by the images test.
ARG VERSION=0.1.0
LABEL org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="https://github.com/orkspace/orkestra" \
      org.opencontainers.image.vendor="orkspace" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production
WORKDIR /app
USER 65532:65532

FROM base AS runtime
LABEL org.opencontainers.image.title="orkestra" \
      org.opencontainers.image.description="Orkestra runtime: ork run, reconciles every CRD of a Katalog"
COPY --from=build /src/apps/runtime/package.json /app/package.json
COPY --from=build /src/apps/runtime/dist/ork-runtime.mjs /app/dist/ork-runtime.mjs
EXPOSE 8080
ENTRYPOINT ["/nodejs/bin/node", "/app/dist/ork-runtime.mjs"]
CMD ["run"]

FROM base AS gateway
LABEL org.opencontainers.image.title="orkestra-gateway" \
      org.opencontainers.image.description="Orkestra gateway: ork gate, deletion and namespace protection webhooks"
COPY --from=build /src/apps/gateway/package.json /app/package.json
# The launcher, the bundle and V8's code cache of it (made by `npm run build`; scripts/code-cache.mjs).
# A cache this image's Node does not accept (another Node 20 patch release than the build stage's)
# is ignored: the bundle is then compiled as without one.
COPY --from=build /src/apps/gateway/dist/ork-gateway.mjs /app/dist/ork-gateway.mjs
COPY --from=build /src/apps/gateway/dist/ork-gateway.cjs /app/dist/ork-gateway.cjs
COPY --from=build /src/apps/gateway/dist/ork-gateway.cjs.v8cache /app/dist/ork-gateway.cjs.v8cache
EXPOSE 8080 8443
ENTRYPOINT ["/nodejs/bin/node", "/app/dist/ork-gateway.mjs"]
CMD ["gate"]

FROM base AS control-center
LABEL org.opencontainers.image.title="orkestra-cc" \
      org.opencontainers.image.description="Orkestra Control Center: a read-only web UI over the runtimes' HTTP APIs"
COPY --from=build /src/apps/control-center/package.json /app/package.json
COPY --from=build /src/apps/control-center/public/ /app/public/
COPY --from=build /src/apps/control-center/dist/ork-control-center.mjs /app/dist/ork-control-center.mjs
EXPOSE 8081
ENTRYPOINT ["/nodejs/bin/node", "/app/dist/ork-control-center.mjs"]
CMD ["serve"]
