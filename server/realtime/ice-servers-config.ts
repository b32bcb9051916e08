import { z } from "zod";
import type { IceServer } from "./realtime-deps";

const iceServersSchema = z.array(
  z.object({
    urls: z.union([z.string(), z.array(z.string())]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

/**
 * The operator's fixed ICE servers (ICE_SERVERS, a JSON array). Read once at start: a broken value
 * stops the server with the shape it expects, rather than leaving every listener without audio.
 */
export function parseIceServers(raw: string): IceServer[] {
  try {
    const parsed = iceServersSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    'Invalid configuration:\n  ICE_SERVERS: must be a JSON array like [{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}]',
  );
}
