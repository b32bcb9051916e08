import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { SocialStore } from "../http/http-ports";
import { createReplayAudioHandler } from "../http/replay-audio";
import { replayRoutes } from "../http/replay-routes";
import type { AccountStore } from "../http/http-ports";
import type { Logger } from "../logging/logger";
import { ffmpegCanRecord } from "../media/ffmpeg";
import { mixRecording } from "../media/recording-mix";
import type { RecordingStore, RoomRecordingDeps } from "../rooms/recording-ports";
import type { RoomDirectory } from "../rooms/room-directory";
import { Replays } from "../rooms/replays";

/** Where recordings live: `<DATA_DIR>/recordings/<recordingId>/` (tracks and replay.ogg). */
export const recordingsDirOf = (dataDir: string) => path.join(dataDir, "recordings");

/**
 * What rooms need to record, or undefined when this server cannot (no ffmpeg with libopus): then
 * the host's "start recording" is refused with a message that says so. Recordings a previous
 * process left half-made (it stopped mid-recording) are marked failed.
 */
export async function recordingDepsOf(input: {
  dataDir: string;
  store: RecordingStore;
  logger: Logger;
  /** Cluster mode: other nodes may be recording now; each room's leftovers are failed when it comes back. */
  cluster: boolean;
}): Promise<RoomRecordingDeps | undefined> {
  const abandoned = input.cluster ? 0 : await input.store.failUnfinished();
  if (abandoned > 0)
    input.logger.warn({ abandoned }, "recordings left unfinished by the last run marked failed");
  if (!ffmpegCanRecord()) {
    input.logger.warn("ffmpeg with libopus not found: recording is off (scripts/setup.sh installs ffmpeg)");
    return undefined;
  }
  const directory = recordingsDirOf(input.dataDir);
  await mkdir(directory, { recursive: true });
  return { store: input.store, directory, mix: mixRecording };
}

/** Replays over HTTP: the JSON routes (room list, publish, delete, profile) and the audio file route. */
export function replayHttp(input: {
  dataDir: string;
  recordings: RecordingStore;
  directory: RoomDirectory;
  accounts: Pick<AccountStore, "findUserBySessionToken">;
  social: Pick<SocialStore, "profile">;
  logger: Logger;
}) {
  const replays = new Replays({
    store: input.recordings,
    directory: input.directory,
    recordingsDir: recordingsDirOf(input.dataDir),
  });
  return {
    routes: replayRoutes({ replays, social: input.social }),
    serveAudio: createReplayAudioHandler({ replays, accounts: input.accounts, logger: input.logger }),
  };
}
