# Production image. The mediasoup worker comes from mediasoup's prebuilt binary when the build
# machine has internet, otherwise it is compiled from source against Debian's libraries
# (scripts/mediasoup-worker/ensure-worker.sh decides, as on any other machine).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --ignore-scripts --no-audit --no-fund
RUN AUDIO_ROOMS_CACHE_DIR=/opt/audio-rooms-cache bash scripts/mediasoup-worker/ensure-worker.sh \
    && cp --remove-destination "$(readlink -f node_modules/mediasoup/worker/out/Release/mediasoup-worker)" \
       node_modules/mediasoup/worker/out/Release/mediasoup-worker
COPY . .
RUN npx --no-install prisma generate && NEXT_TELEMETRY_DISABLED=1 npx --no-install next build

FROM node:20-bookworm-slim
# The worker links Debian's libuv, OpenSSL, usrsctp and abseil when built from source; ffmpeg records rooms.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libuv1 libssl3 libusrsctp2 libsrtp2-1 libabsl20220623 ca-certificates ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app ./
EXPOSE 3000 40000-40001/udp 40000-40001/tcp
CMD ["node", "--import", "tsx", "--conditions=react-server", "server/index.ts"]
