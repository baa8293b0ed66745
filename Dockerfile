# syntax=docker/dockerfile:1
#
# Production image for the journal CMS (Payload 3 + Next.js on an Express server).
#
#   docker build -t journal-cms .
#   docker run -p 3000:3000 -e DATABASE_URI=... -e PAYLOAD_SECRET=... journal-cms
#
# Stages:
#   deps       all dependencies (dev included), needed to build
#   prod-deps  runtime dependencies only (tsx and cross-env are regular deps)
#   build      `npm run build` -> .next/ (Next build) and dist/server.js (server bundle)
#   runtime    slim image running as the unprivileged `node` user

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# ---------------------------------------------------------------------------
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# ---------------------------------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------
FROM base AS build
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ and migrations/ are optional in the source tree: make sure they exist
# so the runtime stage can copy them unconditionally. The Next build cache is
# only useful to the next build, not at runtime.
RUN npm run build \
    && mkdir -p public migrations \
    && rm -rf .next/cache

# ---------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000

COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.ts ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY --from=build /app/migrations ./migrations
# Next writes its runtime cache (optimised images, ISR) under .next/cache.
COPY --from=build --chown=node:node /app/.next ./.next

# Uploaded media, and the archives of `node dist/backup.js` (docs/backup.md).
# Declared after the directories are created and chowned so a new named volume
# starts out owned by `node`.
RUN mkdir -p /app/uploads /app/backups && chown node:node /app/uploads /app/backups
VOLUME ["/app/uploads", "/app/backups"]

USER node

EXPOSE 3000

# /readyz answers 200 only when the database responds. Node 20 ships fetch, so
# no curl/wget is needed in the slim image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

# Same as `npm start`, without npm in between so signals reach node directly.
CMD ["node", "--conditions=production", "dist/server.js"]
