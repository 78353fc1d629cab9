# maestro gateway image: builds once, runs as an unprivileged user on a read-only root
# filesystem (C14 for the gateway itself). Only /data (the embedded store, signing key and
# credentials) and /tmp are writable; mount them as volumes.
#
#   docker build -t maestro .
#   docker run --read-only --tmpfs /tmp -v maestro-data:/data -p 8787:8787 \
#     -e MAESTRO_HOST=0.0.0.0 maestro

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here; the build step below runs tsc explicitly.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npx tsc -p tsconfig.build.json && node scripts/copy-assets.mjs && npm prune --omit=dev --ignore-scripts

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    MAESTRO_DATA_DIR=/data \
    MAESTRO_HOST=0.0.0.0 \
    MAESTRO_PORT=8787
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The code belongs to root and cannot be changed by the user that runs it.
RUN mkdir -p /data && chown 10001:10001 /data && chmod 0700 /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MAESTRO_PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["serve"]
