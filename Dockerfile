# Alastor: one small container (512 MB, 1 CPU) for many servers.

# Compiles the TypeScript. Its full install (no scripts run: no native code is built here) also holds
# @snazzah/davey's native binary, an optional per-platform package (napi-rs) npm picks for this os/cpu/libc.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY tests ./tests
RUN npm run build

# Runtime dependencies, in their own stage so that a source change does not recompile sqlite3. Optional ones are left
# out: the npm ffmpeg fallbacks (the image has Debian's ffmpeg) and optional peers (typescript, @discordjs/opus).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# sqlite3 compiles from source when its prebuilt binary cannot be downloaded.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends python3 make g++ \
	&& rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Only the compiled addon of sqlite3 is kept, not its sources, objects and static libraries; only this platform's
# prebuilt sodium-native, not the twelve others it ships.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund \
	&& find node_modules/sodium-native/prebuilds -mindepth 1 -maxdepth 1 \
		! -name "$(node -p 'process.platform + "-" + process.arch')" -exec rm -rf {} + \
	&& cd node_modules/sqlite3 \
	&& mv build/Release/node_sqlite3.node . \
	&& rm -rf build deps src binding.gyp \
	&& mkdir -p build/Release \
	&& mv node_sqlite3.node build/Release/

FROM node:24-bookworm-slim
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ffmpeg tini ca-certificates \
	&& apt-get clean \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /app
# /healthz and /metrics listen on 127.0.0.1 unless HEALTH_HOST says otherwise; a published port (-p 8080:8080) reaches
# them only on 0.0.0.0. The HEALTHCHECK uses 127.0.0.1 and works either way. Publish the port only where /metrics may be read.
ENV NODE_ENV=production \
	HEALTH_PORT=8080 \
	FFMPEG_PATH=/usr/bin/ffmpeg \
	NODE_OPTIONS=--max-old-space-size=384 \
	SETTINGS_PATH=/app/data/alastor.sqlite \
	HEALTH_HOST=0.0.0.0
# Settings live in /app/data; everything else is read-only for the bot user. The directory is created and handed to
# the bot user before VOLUME, since changes after VOLUME are discarded; a new named volume inherits that ownership.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# tini forwards SIGTERM to node (graceful shutdown) and reaps ffmpeg zombies.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/index.js"]
USER node
# The files last, most often changed last: a source change rebuilds only these layers (COPY leaves them root-owned).
COPY --from=deps /app/node_modules ./node_modules
# @snazzah/davey and the native binary npm picked for this platform, at the locked version (see the build stage).
COPY --from=build /app/node_modules/@snazzah ./node_modules/@snazzah
COPY languages ./languages
COPY package.json config.yaml ./
# The bot without the tests, the emulator and the demo: started without DISCORD_TOKEN it says so and exits 78.
COPY --from=build /app/dist/src ./dist/src
