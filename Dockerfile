# The bot runs its TypeScript through tsx, so the image needs only production dependencies and the sources.
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
USER node
# node directly (not npm) so SIGTERM reaches the bot and it can shut down cleanly.
ENTRYPOINT ["node", "bin/mentor-bot.js"]
