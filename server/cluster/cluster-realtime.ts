import type { RealtimeCluster } from "../realtime/cluster/cluster-edge";
import type { ClusterMediaHub } from "./cluster-media-hub";
import type { ClusterNode } from "./cluster-node";

/** What the socket edge needs of the cluster, or undefined on a single node. */
export function clusterRealtime(
  cluster: ClusterNode | null,
  media: ClusterMediaHub | null,
): RealtimeCluster | undefined {
  if (!cluster || !media) return undefined;
  return {
    channel: cluster.channel,
    media,
    ownerOf: (roomId) => cluster.leases.ownerOf(roomId),
    leaseTtlMs: cluster.settings.leaseTtlMs,
  };
}
