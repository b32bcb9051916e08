import { rm } from "node:fs/promises";
import path from "node:path";
import type { ProfileReplay, Replay } from "../../src/shared/protocol";
import type { RecordingStore, StoredRecording } from "./recording-ports";
import type { RoomDirectory, Viewer } from "./room-directory";
import { RoomError } from "./room-ports";

const PROFILE_REPLAYS = 20;

/**
 * Who may play, publish and delete a room's replays. Playing follows the room's own door (the
 * directory's `details`: open rooms for everyone signed in, social rooms for their stage's
 * followers, closed rooms only for the people they allowed, or with the share key), and an
 * unpublished replay is the host's alone. Publishing and deleting are the host's.
 */
export class Replays {
  constructor(
    private readonly deps: {
      store: RecordingStore;
      directory: Pick<RoomDirectory, "details">;
      /** DATA_DIR/recordings */
      recordingsDir: string;
    },
  ) {}

  /** The room's replays this viewer may play (the host also sees unpublished and unfinished ones). */
  async forRoom(roomId: string, viewer: Viewer, shareKey?: string): Promise<Replay[]> {
    if (viewer.isGuest) throw new RoomError("unauthorized", "Sign in to play this room's replay.");
    const room = await this.deps.directory.details(roomId, viewer, shareKey);
    const recordings = await this.deps.store.forRoom(roomId);
    return recordings
      .filter((recording) => this.visibleTo(recording, viewer))
      .map((recording) => this.replayOf(recording, room.title, viewer, shareKey));
  }

  /** The file of a replay this viewer may play, or a refusal (not_found hides what they may not know). */
  async audioFile(recordingId: string, viewer: Viewer, shareKey?: string): Promise<string> {
    if (viewer.isGuest) throw new RoomError("unauthorized", "Sign in to play this replay.");
    const recording = await this.deps.store.find(recordingId);
    if (
      !recording ||
      !this.visibleTo(recording, viewer) ||
      recording.status !== "ready" ||
      !recording.fileName
    )
      throw new RoomError("not_found", "There is no such replay.");
    await this.deps.directory.details(recording.roomId, viewer, shareKey);
    return path.join(this.deps.recordingsDir, recording.fileName);
  }

  async setPublished(recordingId: string, viewer: Viewer, published: boolean): Promise<void> {
    await this.deps.store.setPublished((await this.managed(recordingId, viewer)).id, published);
  }

  /** Deletes the replay for good: its row, its tracks and its file. */
  async delete(recordingId: string, viewer: Viewer): Promise<void> {
    const recording = await this.managed(recordingId, viewer);
    if (recording.status === "recording")
      throw new RoomError("invalid_state", "Stop the recording before deleting it.");
    await this.deps.store.delete(recording.id);
    await rm(path.join(this.deps.recordingsDir, recording.id), { recursive: true, force: true });
  }

  /** A host's published replays that this viewer may play, for the host's profile. */
  async onProfile(hostId: string, viewer: Viewer): Promise<ProfileReplay[]> {
    if (viewer.isGuest) return [];
    const recordings = await this.deps.store.publishedByHost(hostId, PROFILE_REPLAYS);
    const playable = await Promise.all(
      recordings.map((recording) =>
        this.deps.directory.details(recording.roomId, viewer).then(
          () => true,
          () => false,
        ),
      ),
    );
    return recordings
      .filter((_, index) => playable[index])
      .map((recording) => ({
        id: recording.id,
        roomId: recording.roomId,
        roomTitle: recording.roomTitle,
        startedAt: recording.startedAt.toISOString(),
        durationMs: recording.durationMs,
      }));
  }

  private visibleTo(recording: StoredRecording, viewer: Viewer): boolean {
    if (recording.hostId === viewer.userId) return recording.status !== "failed";
    return recording.published && recording.status === "ready";
  }

  private async managed(recordingId: string, viewer: Viewer): Promise<StoredRecording> {
    const recording = await this.deps.store.find(recordingId);
    if (!recording || (!recording.published && recording.hostId !== viewer.userId))
      throw new RoomError("not_found", "There is no such replay.");
    if (recording.hostId !== viewer.userId)
      throw new RoomError("forbidden", "Only the host who recorded it can change or delete this replay.");
    return recording;
  }

  private replayOf(recording: StoredRecording, title: string, viewer: Viewer, shareKey?: string): Replay {
    const key = shareKey ? `?key=${encodeURIComponent(shareKey)}` : "";
    return {
      id: recording.id,
      roomId: recording.roomId,
      roomTitle: title,
      hostId: recording.hostId,
      status: recording.status,
      published: recording.published,
      startedAt: recording.startedAt.toISOString(),
      durationMs: recording.durationMs,
      timeline: recording.timeline,
      audioUrl: `/api/recordings/${recording.id}/audio${key}`,
      canManage: recording.hostId === viewer.userId,
    };
  }
}
