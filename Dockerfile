FROM node:20-slim AS build
WORKDIR /hub
COPY . .
RUN npm ci && npx tsc -b && npm run -w console build && npm prune --omit=dev

FROM node:20-slim
WORKDIR /hub
COPY --from=build /hub /hub
USER node
