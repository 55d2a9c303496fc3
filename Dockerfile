FROM node:20-slim AS build
WORKDIR /hub
COPY . .
RUN npm ci && npx tsc -b && npm run -w console build && npm prune --omit=dev

FROM node:20-slim
WORKDIR /hub
COPY --from=build /hub /hub
# Mount points for the key volumes, owned by the user the services run as: Docker fills a new
# named volume from the image's folder, ownership included, so the keys job (user node) can write
# into hub-keys and hub-public-key on their first use.
RUN mkdir -p /keys/private /keys/public && chown node:node /keys/private /keys/public && chmod 0700 /keys/private
ENV NODE_ENV=production HUB_HOST=0.0.0.0
USER node
CMD ["node", "--max-semi-space-size=64", "tools/dist/hub.js", "serve", "gateway"]
