import { spawn, type ChildProcess } from "node:child_process";

/** ffmpeg encodes a tone to Opus and sends it as RTP, like a speaker's browser would. */
export function sendOpusTone(port: number, seconds: number, ssrc: number, payloadType = 100): ChildProcess {
  return spawn(
    "ffmpeg",
    [
      ...["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi"],
      ...["-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
      ...["-c:a", "libopus", "-ac", "1", "-b:a", "32k", "-application", "voip"],
      ...[
        "-ssrc",
        String(ssrc),
        "-payload_type",
        String(payloadType),
        "-f",
        "rtp",
        `rtp://127.0.0.1:${port}`,
      ],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
}

function run(
  binary: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What ffprobe says of an audio file: container, codec and duration in seconds. */
export async function probeAudio(file: string): Promise<{ format: string; codec: string; seconds: number }> {
  const { stdout } = await run("ffprobe", [
    ...["-v", "error", "-show_entries", "format=format_name,duration:stream=codec_name"],
    ...["-of", "json", file],
  ]);
  const parsed: unknown = JSON.parse(stdout);
  const format = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "format") : null;
  const streams = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "streams") : null;
  const first: unknown = Array.isArray(streams) ? streams[0] : null;
  return {
    format: String(format ? Reflect.get(format, "format_name") : ""),
    codec: String(typeof first === "object" && first !== null ? Reflect.get(first, "codec_name") : ""),
    seconds: Number(format ? Reflect.get(format, "duration") : NaN),
  };
}

/** ffmpeg's volumedetect: mean and max volume in dB (-91 is digital silence). */
export async function volumeOf(file: string): Promise<{ meanDb: number; maxDb: number }> {
  const { stderr } = await run("ffmpeg", [
    "-hide_banner",
    "-nostats",
    "-i",
    file,
    "-af",
    "volumedetect",
    "-f",
    "null",
    "-",
  ]);
  const mean = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr)?.[1] ?? "-inf";
  const max = /max_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr)?.[1] ?? "-inf";
  const db = (value: string) => (value === "-inf" ? -Infinity : Number(value));
  return { meanDb: db(mean), maxDb: db(max) };
}
