import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { ProducerInfo } from "../../src/shared/protocol";
import type { RoomEffect, RoomCommand } from "../domain/room-state";
import type { Logger } from "../logging/logger";
import { REPLAY_FILE, type RoomRecordingDeps } from "./recording-ports";
import { RoomError, type RoomMediaPort } from "./room-ports";
import { SpeakerTimeline } from "./speaker-timeline";

type Track = { producerId: string; path: string; offsetMs: number; stop(): Promise<void> };
type Session = {
  id: string;
  folder: string;
  startedAt: number;
  timeline: SpeakerTimeline;
  tracks: Track[];
  /** Tracks still being set up (ffmpeg starting): waited for before stopping. */
  pending: Set<Promise<void>>;
  /** Files made so far (names each new track's file). */
  files: number;
};

/**
 * Records one room's stage while the host has recording on: one ffmpeg per producer (each its own
 * Ogg/Opus track, with its start offset), a speaker timeline from the active-speaker events, and,
 * on stop, one mixed replay file padded to the recorded duration. The machine decides who may
 * start and stop (`set-recording`); this class carries out its `start-recording` and
 * `stop-recording` effects and knows media only through the room's media port.
 */
export class RoomRecorder {
  private session: Session | null = null;
  /** The last stop's mixing, so tests and shutdown can wait for the replay to be written. */
  private finishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly room: { roomId: string; hostId: () => string },
    private readonly deps: RoomRecordingDeps | undefined,
    private readonly media: {
      port: () => RoomMediaPort;
      activeSpeakerId: () => string | null;
      nameOf: (userId: string) => string;
    },
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses `set-recording` on a server that cannot record, before the machine says yes. */
  assertAvailable(command: RoomCommand): void {
    if (command.type === "set-recording" && command.enabled && !this.deps)
      throw new RoomError(
        "invalid_state",
        "Recording is not available on this server: ffmpeg with Opus is not installed (scripts/setup.sh installs it).",
      );
  }

  /** Carries out the machine's recording effects; false for any other effect. */
  async apply(effect: RoomEffect): Promise<boolean> {
    if (effect.type === "start-recording") {
      await this.start();
      return true;
    }
    if (effect.type === "stop-recording") {
      this.stop();
      return true;
    }
    return false;
  }

  /** The mixing of the last stopped recording (resolves when its replay is ready or failed). */
  settled(): Promise<void> {
    return this.finishing;
  }

  private async start(): Promise<void> {
    const deps = this.deps;
    if (!deps || this.session) return;
    const startedAt = this.now();
    const { id } = await deps.store.create({
      roomId: this.room.roomId,
      hostId: this.room.hostId(),
      startedAt: new Date(startedAt),
    });
    const folder = path.join(deps.directory, id);
    await mkdir(folder, { recursive: true });
    const timeline = new SpeakerTimeline(startedAt);
    const speaker = this.media.activeSpeakerId();
    if (speaker) timeline.speaker(speaker, this.media.nameOf(speaker), startedAt);
    this.session = { id, folder, startedAt, timeline, tracks: [], pending: new Set(), files: 0 };
    this.logger.info({ recordingId: id }, "recording started");
    for (const producer of this.media.port().listProducers()) this.producerAdded(producer);
  }

  /** A producer appeared on stage (or came back after a rebuild): it gets its own track. */
  producerAdded(info: ProducerInfo): void {
    const session = this.session;
    if (!session) return;
    const file = path.join(session.folder, `track-${session.files++}.ogg`);
    const task = this.media
      .port()
      .recordProducer(info.producerId, file)
      .then((recording) => {
        const track = {
          producerId: info.producerId,
          path: file,
          offsetMs: recording.startedAt - session.startedAt,
        };
        if (this.session === session) session.tracks.push({ ...track, stop: () => recording.stop() });
        else void recording.stop(); // stopped while ffmpeg was starting
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, producerId: info.producerId }, "could not record a producer"),
      )
      .finally(() => session.pending.delete(task));
    session.pending.add(task);
  }

  /** A producer left the stage: its track is complete. */
  producerClosed(info: ProducerInfo): void {
    const track = this.session?.tracks.find((candidate) => candidate.producerId === info.producerId);
    if (track) void track.stop();
  }

  activeSpeaker(userId: string | null): void {
    this.session?.timeline.speaker(userId, userId ? this.media.nameOf(userId) : "", this.now());
  }

  /** Stops now (the duration counts to here); the tracks finish and are mixed in the background. */
  stop(): void {
    const session = this.session;
    const deps = this.deps;
    if (!session || !deps) return;
    this.session = null;
    const endedAt = this.now();
    const durationMs = endedAt - session.startedAt;
    const timeline = session.timeline.finish(endedAt);
    const log = this.logger.child({ recordingId: session.id });
    const previous = this.finishing;
    this.finishing = (async () => {
      await previous;
      await Promise.all(session.pending);
      await Promise.all(session.tracks.map((track) => track.stop()));
      await deps.store.stopped(session.id, { endedAt: new Date(endedAt), durationMs, timeline });
      const fileName = `${session.id}/${REPLAY_FILE}`;
      try {
        const started = Date.now();
        await deps.mix({
          tracks: session.tracks.map(({ path: trackPath, offsetMs }) => ({ path: trackPath, offsetMs })),
          durationMs,
          outputPath: path.join(deps.directory, fileName),
        });
        await deps.store.finished(session.id, { status: "ready", fileName });
        log.info({ durationMs, tracks: session.tracks.length, mixMs: Date.now() - started }, "replay ready");
      } catch (error) {
        log.error({ err: error }, "replay could not be mixed");
        await deps.store.finished(session.id, { status: "failed" });
      }
    })().catch((error: unknown) => log.error({ err: error }, "recording could not be finished"));
  }
}
