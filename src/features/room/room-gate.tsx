"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { roomDetailsSchema, type AckError, type RoomDetails } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { ScheduledRoomView } from "@/features/scheduling/scheduled-room-view";
import { EndedRoomView } from "./ended-room-view";
import { RoomRefusedView } from "./room-refused-view";
import { RoomScreen } from "./room-screen";

type Gate =
  { status: "loading" } | { status: "room"; room: RoomDetails } | { status: "refused"; error: AckError };

/**
 * What /rooms/<id> shows depends on the room: its event page while scheduled, the live room,
 * "this room has ended" with who hosted it, or why this person may not come in. The server
 * decides who may see what (the same rule guards the socket's room:join).
 */
export function RoomGate({
  roomId,
  shareKey,
  clip,
}: {
  roomId: string;
  shareKey: string | undefined;
  /** A replay clip's range (`?clip=`), for an ended room's replay. */
  clip?: string | undefined;
}) {
  const t = useTranslations("room");
  const [gate, setGate] = useState<Gate>({ status: "loading" });
  const load = useCallback(async () => {
    const query = shareKey ? `?key=${encodeURIComponent(shareKey)}` : "";
    const result = await callApi(
      "GET",
      `/api/rooms/${encodeURIComponent(roomId)}${query}`,
      roomDetailsSchema,
    );
    setGate(result.ok ? { status: "room", room: result.data } : { status: "refused", error: result.error });
  }, [roomId, shareKey]);

  useEffect(() => {
    void load();
  }, [load]);

  if (gate.status === "loading") return <p className="mt-16 text-center text-stone-500">{t("loading")}</p>;
  if (gate.status === "refused") return <RoomRefusedView error={gate.error} onSignedIn={() => void load()} />;
  const { room } = gate;
  if (room.status === "scheduled") return <ScheduledRoomView room={room} onStarted={() => void load()} />;
  if (room.status === "ended") return <EndedRoomView room={room} shareKey={shareKey} clip={clip} />;
  return <RoomScreen roomId={roomId} shareKey={shareKey} details={room} onEnded={() => void load()} />;
}
