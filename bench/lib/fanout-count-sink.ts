/**
 * The "count" sink of bench:fanout: one process with two dgram sockets (RTP, RTCP) on 127.0.0.1
 * that read and count every packet. Forked by fanout-sink.ts; answers IPC "count" with totals.
 */
import dgram from "node:dgram";
import { z } from "zod";

const counts = { rtp: 0, rtcp: 0 };
const bind = (key: "rtp" | "rtcp") =>
  new Promise<dgram.Socket>((resolve) => {
    // A large buffer, so what is lost is lost by the worker, not by this reader falling behind.
    const socket = dgram.createSocket({ type: "udp4", recvBufferSize: 8 * 1024 * 1024 });
    socket.on("message", () => counts[key]++);
    socket.bind(0, "127.0.0.1", () => resolve(socket));
  });

const [rtp, rtcp] = await Promise.all([bind("rtp"), bind("rtcp")]);
process.on("message", (raw: unknown) => {
  if (z.object({ type: z.literal("count") }).safeParse(raw).success)
    process.send?.({ type: "count", ...counts });
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ports", rtp: rtp.address().port, rtcp: rtcp.address().port });
