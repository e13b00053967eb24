# The Depth Restyle gateway as a container: next to ComfyUI on a GPU box, or as a small relay to
# Segmind. Configured only by DEPTH_RESTYLE_* variables (see `depth-restyle serve --help`); the
# token comes from a secret file. Build: docker build -t depth-restyle-gateway .
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Runtime dependencies only; .npmrc skips onnxruntime-node's GPU download (the gateway does not use it).
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX: libvips checks uploads on worker threads; fewer glibc arenas keep freed memory from piling up.
ENV NODE_ENV=production \
    DEPTH_RESTYLE_HOST=0.0.0.0 \
    DEPTH_RESTYLE_PORT=8787 \
    DEPTH_RESTYLE_CONFIG_DIR=/data \
    DEPTH_RESTYLE_TOKEN_FILE=/run/secrets/depth_restyle_token \
    DEPTH_RESTYLE_LOG_LEVEL=info \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
# The image's own unprivileged user (uid 1000); /data holds nothing secret but must be writable.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.DEPTH_RESTYLE_PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The entry stops cleanly on SIGTERM (docker stop): running jobs are cancelled in ComfyUI.
CMD ["node", "bin/depth-restyle.js", "serve"]
