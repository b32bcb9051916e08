import type { types } from "mediasoup";
import type { MediaAppData } from "./peer-media";
import type { PeerMedia } from "./peer-media";

export type MediaCounts = {
  peers: number;
  transports: number;
  producers: number;
  consumers: number;
  /** Transports the origin router itself holds (its receivers and its side of each pipe). */
  routerTransports: number;
  listenerRouters: number;
  pipes: number;
};

/** Counts from our books and from the origin router itself, so tests can prove nothing leaked. */
export async function countMedia(
  peers: Iterable<PeerMedia>,
  origin: types.Router<MediaAppData>,
  spread: { listenerRouters: number; pipes: number },
): Promise<MediaCounts> {
  let peerCount = 0;
  let transports = 0;
  let producers = 0;
  let consumers = 0;
  for (const peer of peers) {
    peerCount++;
    transports += peer.transports.size;
    producers += peer.producers.size;
    consumers += peer.consumers.size;
  }
  const dump = origin.closed ? { transportIds: [] } : await origin.dump();
  return {
    peers: peerCount,
    transports,
    producers,
    consumers,
    routerTransports: dump.transportIds.length,
    ...spread,
  };
}
