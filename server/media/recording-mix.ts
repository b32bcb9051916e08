import { stat } from "node:fs/promises";
import { runFfmpeg } from "./ffmpeg";

/** One speaker's file and where in the recording it starts. */
export type MixTrack = { path: string; offsetMs: number };

/**
 * Mixes the speakers' tracks into the one replay file: each delayed by its start offset (adelay),
 * summed without scaling (amix normalize=0: a lone speaker keeps their level), padded with silence
 * and cut to exactly the recorded duration, so the replay's clock is the room's. No track at all
 * (nobody spoke) is a file of silence of that length. Tracks whose file never got audio are skipped.
 */
export async function mixRecording(input: {
  tracks: readonly MixTrack[];
  durationMs: number;
  outputPath: string;
}): Promise<void> {
  const tracks: MixTrack[] = [];
  for (const track of input.tracks) {
    const size = await stat(track.path).then(
      (found) => found.size,
      () => 0,
    );
    if (size > 0) tracks.push(track);
  }
  const seconds = (Math.max(input.durationMs, 100) / 1000).toFixed(3);
  const encode = ["-c:a", "libopus", "-b:a", "64k", "-ac", "2", "-f", "ogg", "-y", input.outputPath];
  if (tracks.length === 0) {
    await runFfmpeg(["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", seconds, ...encode]);
    return;
  }
  const inputs = tracks.flatMap((track) => ["-i", track.path]);
  const delayed = tracks.map(
    (track, index) => `[${index}:a]adelay=delays=${Math.max(0, Math.round(track.offsetMs))}:all=1[a${index}]`,
  );
  const labels = tracks.map((_, index) => `[a${index}]`).join("");
  const mixed =
    tracks.length === 1
      ? `${labels}apad[out]`
      : `${labels}amix=inputs=${tracks.length}:duration=longest:normalize=0,apad[out]`;
  await runFfmpeg([
    ...inputs,
    "-filter_complex",
    [...delayed, mixed].join(";"),
    "-map",
    "[out]",
    "-t",
    seconds,
    ...encode,
  ]);
}
