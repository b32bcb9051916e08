import { z } from "zod";
import { displayNameSchema, roomSummarySchema, roomTitleSchema } from "./room-schemas";

/** JSON bodies and answers of the HTTP API (`/api/...`), answered with the same Ack shape. */
export const signInBodySchema = z.object({ displayName: displayNameSchema });
export const createRoomBodySchema = z.object({ title: roomTitleSchema });

export const currentUserSchema = z.object({ id: z.string(), displayName: z.string() });
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const liveRoomsSchema = z.object({ rooms: z.array(roomSummarySchema) });
