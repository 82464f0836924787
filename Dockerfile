# One image for every process of the platform. By default it runs the all-in-one server; set SERVICES to
# host fewer services (SERVICES=catalog), PROCESS_ROLE=worker for a worker-only replica, or run
# `node dist/scripts/migrate.js` as a one-shot migration job. See docker-compose.yml and README.md.

# ---- build: all dependencies, compile, then drop the dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies only, as the unprivileged "node" user
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    UPLOAD_DIR=/app/.data/uploads
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.data/uploads && chown -R node:node /app/.data
USER node
EXPOSE 3000
# Alive, not ready: orchestrators should route traffic on /ready (PostgreSQL and Redis both answer).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/platform/src/main.js"]
