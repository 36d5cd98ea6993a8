# The bot runs its TypeScript through tsx (a runtime dependency), so the image needs only production
# dependencies and the sources: no build stage.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY jobs ./jobs
COPY db ./db
# The embedded database (only used without DATABASE_URL) must be writable by the unprivileged user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# node directly (not npm) so SIGTERM reaches the bot and it can shut down cleanly. The role is the argument:
# `docker run IMAGE serve`, `... worker`, `... migrate`; none runs everything in one process. The small young
# generation keeps garbage-collection pauses on the thread that acknowledges Slack short (README, "Benchmark:
# slash commands").
ENTRYPOINT ["node", "--max-semi-space-size=4", "bin/mentor-bot.js"]
CMD []
# Liveness only (the process answers); compose and load balancers use /readyz for "can take work".
# The slim image has no curl: Node's own fetch asks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
