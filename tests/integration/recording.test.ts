import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import {
  hallwaySchema,
  roomDetailsSchema,
  roomSnapshotSchema,
  type TimelineEntry,
} from "../../src/shared/protocol";
import { RoomMedia } from "../../server/media/room-media";
import { recordingsDirOf } from "../../server/recording/recording-setup";
import type { StoredRecording } from "../../server/rooms/recording-ports";
import { api, dataOf } from "../support/api-client";
import { probeAudio, sendOpusTone, volumeOf } from "../support/media-probe";
import { createRoom, send, suiteApp } from "../support/test-app";
import { testDrivers } from "../support/test-database";

// One database engine is enough here: what is tested is the recorder and the replay rules.
const [driver] = await testDrivers();

const okData = async (socket: Socket, event: string, payload: unknown) => {
  const ack = await send(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
};

/** The next `event` on `socket`, or a timeout. */
const next = (socket: Socket, event: string, ms = 5000) =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: unknown) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });

describe.each(driver ? [driver] : [])("[REC] recording the stage (%s)", (engine) => {
  const app = suiteApp(engine);
  const tones: ReturnType<typeof sendOpusTone>[] = [];
  afterAll(() => {
    for (const tone of tones) tone.kill("SIGKILL");
  });

  const recordingsOf = (roomId: string) => app.t.persistence.recordings.forRoom(roomId);
  const ready = async (roomId: string): Promise<StoredRecording> => {
    await expect
      .poll(async () => (await recordingsOf(roomId))[0]?.status, { timeout: 20_000, interval: 200 })
      .toBe("ready");
    const [recording] = await recordingsOf(roomId);
    if (!recording) throw new Error("no recording");
    return recording;
  };
  const fileOf = (recording: StoredRecording) =>
    path.join(recordingsDirOf(app.t.database.dataDir), recording.fileName ?? "missing");

  /** A live room whose host is on stage, plus a listener in it. */
  async function liveRoom(title: string, extra: Record<string, unknown> = {}) {
    const host = await app.person(`Host ${title}`);
    const roomId = await createRoom(app.url, host.cookie, title, extra);
    await okData(host.socket, "room:join", { roomId });
    return { host, roomId };
  }

  /** A finished recording of `seconds` of nobody speaking in a new room. */
  async function recordedRoom(title: string, extra: Record<string, unknown> = {}, ms = 1200) {
    const { host, roomId } = await liveRoom(title, extra);
    await okData(host.socket, "room:set-recording", { enabled: true });
    await new Promise((resolve) => setTimeout(resolve, ms));
    await okData(host.socket, "room:set-recording", { enabled: false });
    return { host, roomId, recording: await ready(roomId) };
  }

  it("[REC-1] only the host starts and stops; everyone sees the indicator, joiners in their snapshot; repeats are refused", async () => {
    const { host, roomId } = await liveRoom("Indicator");
    const listener = await app.person("Listener Indicator");
    await okData(listener.socket, "room:join", { roomId });

    expect(await send(listener.socket, "room:set-recording", { enabled: true })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await send(host.socket, "room:set-recording", { enabled: false })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
    const seen = next(listener.socket, "room:recording-changed");
    await okData(host.socket, "room:set-recording", { enabled: true });
    expect(await seen).toMatchObject({ recording: true });
    expect(await send(host.socket, "room:set-recording", { enabled: true })).toMatchObject({
      ok: false,
      error: { code: "invalid_state" },
    });
    // Someone about to join is told by the room's page, and again in the snapshot of their join.
    const late = await app.person("Late Indicator");
    const page = await api(app.url, "GET", `/api/rooms/${roomId}`, { cookie: late.cookie });
    expect(roomDetailsSchema.parse(page.body.ok ? page.body.data : {}).recording).toBe(true);
    const hallway = hallwaySchema.parse(
      dataOf(await api(app.url, "GET", "/api/hallway", { cookie: late.cookie })),
    );
    expect(hallway.rooms.find((room) => room.id === roomId)?.recording).toBe(true);
    const joined = await okData(late.socket, "room:join", { roomId });
    expect(roomSnapshotSchema.parse(joined.snapshot).recording).toBe(true);
    expect(await send(listener.socket, "room:set-recording", { enabled: false })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const stopped = next(late.socket, "room:recording-changed");
    await okData(host.socket, "room:set-recording", { enabled: false });
    expect(await stopped).toMatchObject({ recording: false });
    const recording = await ready(roomId);
    expect(recording).toMatchObject({ hostId: host.userId, published: true });
    expect(recording.durationMs).toBeGreaterThan(0);
  });

  it("[REC-2] a real producer is recorded: Ogg/Opus, the recorded duration (±5%), not silent, the speaker on the timeline", async () => {
    const { host, roomId } = await liveRoom("Real speaker");
    await okData(host.socket, "room:set-muted", { muted: false });
    const room = await app.t.app.registry.get(roomId);
    const media = room.media.port;
    if (!(media instanceof RoomMedia)) throw new Error("the room's media is not mediasoup's");
    const ingress = await media.createPlainTransport(host.userId, "send");
    const ssrc = 31_337;
    await media.produce(host.userId, ingress.id, {
      codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2, parameters: {} }],
      encodings: [{ ssrc }],
    });
    const tone = sendOpusTone(ingress.port, 30, ssrc);
    tones.push(tone);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const started = Date.now();
    await okData(host.socket, "room:set-recording", { enabled: true });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await okData(host.socket, "room:set-recording", { enabled: false });
    const recordedMs = Date.now() - started;
    tone.kill("SIGKILL");

    const recording = await ready(roomId);
    expect(Math.abs(recording.durationMs - recordedMs) / recordedMs).toBeLessThan(0.05);
    const probe = await probeAudio(fileOf(recording));
    expect(probe.format).toBe("ogg");
    expect(probe.codec).toBe("opus");
    expect(Math.abs(probe.seconds * 1000 - recordedMs) / recordedMs).toBeLessThan(0.05);
    const volume = await volumeOf(fileOf(recording));
    expect(volume.maxDb).toBeGreaterThan(-30);
    expect(volume.meanDb).toBeGreaterThan(-50);
    const timeline: TimelineEntry[] = recording.timeline;
    expect(timeline.some((entry) => entry.userId === host.userId && entry.endMs - entry.startMs > 1000)).toBe(
      true,
    );
    // The recorder's transport and consumer are gone once it stopped.
    expect((await room.mediaCounts()).consumers).toBe(0);
  });

  it("[REC-3] the audio route serves signed-in people with Range (206), refuses guests and bad ranges", async () => {
    const { roomId, recording } = await recordedRoom("Ranges");
    const other = await app.person("Other Ranges");
    const list = await api(app.url, "GET", `/api/rooms/${roomId}/replays`, { cookie: other.cookie });
    expect(list.body.ok).toBe(true);
    const replays = list.body.ok ? list.body.data.replays : [];
    expect(replays).toEqual([
      expect.objectContaining({ id: recording.id, status: "ready", canManage: false }),
    ]);
    const audio = `${app.url}/api/recordings/${recording.id}/audio`;
    const whole = await fetch(audio, { headers: { cookie: other.cookie } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("audio/ogg");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    const size = (await whole.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(100);
    const part = await fetch(audio, { headers: { cookie: other.cookie, range: "bytes=10-49" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-49/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(40);
    const tail = await fetch(audio, { headers: { cookie: other.cookie, range: "bytes=-20" } });
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(20);
    const beyond = await fetch(audio, { headers: { cookie: other.cookie, range: `bytes=${size + 5}-` } });
    expect(beyond.status).toBe(416);
    expect((await fetch(audio)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/api/recordings/nope/audio`, { headers: { cookie: other.cookie } })).status,
    ).toBe(404);
  });

  it("[REC-4] a closed room's replay plays only for the people it allowed (or its share key); others get 403", async () => {
    const allowed = await app.person("Allowed Closed");
    const { host, roomId, recording } = await recordedRoom("Closed replay", {
      type: "closed",
      invitedUserIds: [allowed.userId],
    });
    await okData(host.socket, "room:end", {});
    const outsider = await app.person("Outsider Closed");
    const audio = `${app.url}/api/recordings/${recording.id}/audio`;
    expect((await fetch(audio, { headers: { cookie: outsider.cookie } })).status).toBe(403);
    const listed = await api(app.url, "GET", `/api/rooms/${roomId}/replays`, { cookie: outsider.cookie });
    expect(listed.body).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await fetch(audio, { headers: { cookie: allowed.cookie } })).status).toBe(200);
    expect((await fetch(audio, { headers: { cookie: host.cookie } })).status).toBe(200);
    const details = await api(app.url, "GET", `/api/rooms/${roomId}`, { cookie: host.cookie });
    const shareKey = roomDetailsSchema.parse(details.body.ok ? details.body.data : {}).shareKey ?? "";
    const withKey = await fetch(`${audio}?key=${encodeURIComponent(shareKey)}`, {
      headers: { cookie: outsider.cookie },
    });
    expect(withKey.status).toBe(200);
  });

  it("[REC-5] the host unpublishes (others get 404, the profile drops it) and deletes (the file goes); nobody else may", async () => {
    const { host, roomId, recording } = await recordedRoom("Managed");
    const other = await app.person("Other Managed");
    const audio = `${app.url}/api/recordings/${recording.id}/audio`;
    const profile = async () => {
      const answer = await api(app.url, "GET", `/api/users/${host.username}/replays`, {
        cookie: other.cookie,
      });
      return answer.body.ok ? answer.body.data.replays : null;
    };
    expect(await profile()).toEqual([expect.objectContaining({ id: recording.id, roomId })]);

    const update = (cookie: string, published: boolean) =>
      api(app.url, "PUT", `/api/recordings/${recording.id}`, { cookie, body: { published } });
    expect((await update(other.cookie, false)).body).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect((await update(host.cookie, false)).body.ok).toBe(true);
    expect((await fetch(audio, { headers: { cookie: other.cookie } })).status).toBe(404);
    expect((await fetch(audio, { headers: { cookie: host.cookie } })).status).toBe(200);
    expect(await profile()).toEqual([]);
    expect((await update(host.cookie, true)).body.ok).toBe(true);
    expect((await fetch(audio, { headers: { cookie: other.cookie } })).status).toBe(200);

    const remove = (cookie: string) => api(app.url, "DELETE", `/api/recordings/${recording.id}`, { cookie });
    expect((await remove(other.cookie)).body).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const file = fileOf(recording);
    expect(existsSync(file)).toBe(true);
    expect((await remove(host.cookie)).body.ok).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect((await fetch(audio, { headers: { cookie: host.cookie } })).status).toBe(404);
    expect(await recordingsOf(roomId)).toEqual([]);
  });

  it("[REC-6] ending the room while recording stops the recording and writes the replay", async () => {
    const { host, roomId } = await liveRoom("Ends recording");
    await okData(host.socket, "room:set-recording", { enabled: true });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await okData(host.socket, "room:end", {});
    const recording = await ready(roomId);
    expect(recording.durationMs).toBeGreaterThan(700);
    expect((await probeAudio(fileOf(recording))).codec).toBe("opus");
  });
});
