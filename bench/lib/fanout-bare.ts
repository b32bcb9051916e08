import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { ROUTER_MEDIA_CODECS } from "../../server/media/codecs";
import { SPEAKER_PT, SPEAKER_SSRC } from "./fanout-speaker";
import { speakerRtpParameters, srtpKey, type FanoutTarget, type SinkAddress } from "./fanout-target";

const LISTEN = { protocol: "udp", ip: "127.0.0.1" } as const;

/**
 * The baseline: mediasoup used directly by the bench. One worker = one router holding the
 * producer and every listener. With more workers the producer is piped (pipeToRouter) once to a
 * router on each other worker and listeners go to the worker with the fewest, the same shape the
 * app's room-spanning placement has, so 2-vs-1 can be measured before the app target exists.
 */
export async function createBareTarget(workers: number): Promise<FanoutTarget> {
  const pool: types.Worker[] = [];
  for (let i = 0; i < workers; i++) pool.push(await mediasoup.createWorker({ logLevel: "error" }));
  const routers = await Promise.all(pool.map((w) => w.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS })));
  const origin = routers[0];
  if (!origin) throw new Error("no router");
  const send = await origin.createPlainTransport({ listenInfo: LISTEN, rtcpMux: false, comedia: true });
  const producer = await send.produce({
    kind: "audio",
    rtpParameters: speakerRtpParameters(SPEAKER_SSRC, SPEAKER_PT),
  });
  for (const router of routers.slice(1)) await origin.pipeToRouter({ producerId: producer.id, router });
  const load = routers.map(() => 0);

  async function addListener(sink: SinkAddress): Promise<void> {
    const index = load.indexOf(Math.min(...load));
    const router = routers[index];
    if (!router) throw new Error("no router");
    load[index] = (load[index] ?? 0) + 1;
    // rtcpMux off: RTCP goes to the sink's other port, so the RTP count is exact.
    const transport = await router.createPlainTransport({
      listenInfo: LISTEN,
      rtcpMux: false,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: "AES_CM_128_HMAC_SHA1_80",
    });
    await transport.connect({
      ip: sink.ip,
      port: sink.rtpPort,
      rtcpPort: sink.rtcpPort,
      srtpParameters: { cryptoSuite: "AES_CM_128_HMAC_SHA1_80", keyBase64: srtpKey() },
    });
    await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
  }

  let listeners = 0;
  return {
    speakerAddress: { ip: send.tuple.localAddress, port: send.tuple.localPort },
    async growTo(total, sink) {
      // 50 at a time: fast, without flooding the worker's channel.
      while (listeners < total) {
        const batch = Math.min(50, total - listeners);
        await Promise.all(Array.from({ length: batch }, () => addListener(sink)));
        listeners += batch;
      }
    },
    workerPids: () => pool.map((w) => w.pid),
    dumpWorker: () => (pool[0] ? pool[0].dump() : Promise.reject(new Error("no worker"))),
    close() {
      for (const w of pool) w.close();
      return Promise.resolve();
    },
  };
}
