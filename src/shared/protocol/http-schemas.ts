import { z } from "zod";
import { roomSummarySchema, roomTitleSchema } from "./room-schemas";

/** JSON bodies and answers of the HTTP API (`/api/...`), answered with the same Ack shape. */
export const createRoomBodySchema = z.object({ title: roomTitleSchema });
// Accounts, invites and profiles: see account-schemas.ts.

export const liveRoomsSchema = z.object({ rooms: z.array(roomSummarySchema) });
