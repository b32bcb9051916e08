import { RTCAudioSource } from "./wrtc-node";

const SAMPLE_RATE = 48_000;
const FRAME_MS = 10; // RTCAudioSource takes exactly 10 ms per onData call
const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;

export type SineSource = { track: MediaStreamTrack; stop(): void };

/**
 * A 440 Hz tone fed to libwebrtc in real time. Timers in Node drift and bunch up under load, so
 * each tick sends however many 10 ms frames wall-clock time says are due (a "catch-up" clock)
 * rather than exactly one: the encoder then sees a steady 48 kHz stream, like a microphone.
 */
export function startSine(frequency = 440, amplitude = 0.3): SineSource {
  const source = new RTCAudioSource();
  const track = source.createTrack();
  const started = performance.now();
  let framesSent = 0;
  let phase = 0;
  const step = (2 * Math.PI * frequency) / SAMPLE_RATE;
  const timer = setInterval(() => {
    const due = Math.floor((performance.now() - started) / FRAME_MS);
    // Never burst more than 100 ms after a long stall: libwebrtc would only drop it anyway.
    if (due - framesSent > 10) framesSent = due - 10;
    while (framesSent < due) {
      const samples = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        samples[i] = Math.round(Math.sin(phase) * amplitude * 32767);
        phase += step;
      }
      phase %= 2 * Math.PI;
      source.onData({
        samples,
        sampleRate: SAMPLE_RATE,
        bitsPerSample: 16,
        channelCount: 1,
        numberOfFrames: FRAME_SAMPLES,
      });
      framesSent++;
    }
  }, FRAME_MS);
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}
