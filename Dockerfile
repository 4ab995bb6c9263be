# syntax=docker/dockerfile:1
# Alastor: one small container (512 MB, 1 CPU) for many servers.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# @discordjs/opus and sqlite3 compile from source.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends python3 make g++ \
	&& rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Optional dependencies are the npm-shipped ffmpeg fallbacks; the image uses Debian's maintained ffmpeg instead.
RUN npm ci --omit=optional
COPY tsconfig.json ./
COPY src ./src
COPY tests ./tests
RUN npm run build && npm prune --omit=dev --omit=optional

FROM node:24-bookworm-slim
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ffmpeg tini ca-certificates \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
	HEALTH_PORT=8080 \
	FFMPEG_PATH=/usr/bin/ffmpeg \
	NODE_OPTIONS=--max-old-space-size=384
# /healthz and /metrics listen on 127.0.0.1 unless told otherwise; a published port (-p 8080:8080) reaches them only on
# 0.0.0.0. The HEALTHCHECK uses 127.0.0.1 and works either way. Publish the port only where /metrics may be read.
ENV HEALTH_HOST=0.0.0.0
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json config.yaml ./
COPY languages ./languages
# Settings live in /app/data; everything else is read-only for the bot user. The directory is created and handed to
# the bot user before VOLUME, since changes after VOLUME are discarded; a new named volume inherits that ownership.
RUN mkdir -p /app/data && chown node:node /app/data
ENV SETTINGS_PATH=/app/data/alastor.sqlite
VOLUME ["/app/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# tini forwards SIGTERM to node (graceful shutdown) and reaps ffmpeg zombies.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/index.js"]
