/**
 * Plays each received audio track through its own <audio> element. Browsers may refuse to start
 * playback without a user gesture (autoplay policy); that refusal is reported, never swallowed,
 * so the room can show "Tap to listen" and start everything from the tap.
 */
export class AudioOutput {
  private readonly elements = new Map<string, HTMLAudioElement>();
  private blocked = false;
  private sinkId: string | null = null;

  constructor(private readonly onBlockedChange: (blocked: boolean) => void) {}

  add(id: string, track: MediaStreamTrack): void {
    this.remove(id);
    const element = document.createElement("audio");
    element.autoplay = true;
    element.dataset.consumerId = id;
    element.srcObject = new MediaStream([track]);
    element.style.display = "none";
    document.body.appendChild(element);
    this.elements.set(id, element);
    if (this.sinkId !== null) void element.setSinkId(this.sinkId).catch(() => undefined);
    void this.play(element);
  }

  remove(id: string): void {
    const element = this.elements.get(id);
    if (!element) return;
    element.pause();
    element.srcObject = null;
    element.remove();
    this.elements.delete(id);
  }

  /**
   * Starts one element. A refusal (NotAllowedError) means autoplay is blocked; so does a play()
   * that is still pending with the element paused after 1.5 s (some browsers never settle the
   * promise until the page is interacted with). Either way the room shows "Tap to listen".
   */
  private async play(element: HTMLAudioElement): Promise<void> {
    // Where the browser can say up front that sound needs a gesture (Firefox today), show the
    // button at once instead of waiting for play() to fail.
    if (autoplayDisallowed()) this.setBlocked(true);
    const watchdog = setTimeout(() => {
      if (element.paused && this.elements.has(element.dataset.consumerId ?? "")) this.setBlocked(true);
    }, 1500);
    try {
      await element.play();
      this.setBlocked(false);
    } catch (error) {
      if (error instanceof DOMException && error.name === "NotAllowedError") this.setBlocked(true);
    } finally {
      clearTimeout(watchdog);
    }
  }

  /** Call from a click/tap handler: the gesture lets every element start. */
  async resumeAll(): Promise<void> {
    await Promise.all([...this.elements.values()].map((element) => this.play(element)));
    if (this.elements.size === 0) this.setBlocked(false);
  }

  private setBlocked(blocked: boolean): void {
    if (this.blocked === blocked) return;
    this.blocked = blocked;
    this.onBlockedChange(blocked);
  }

  /** Browsers with setSinkId (Chrome, Edge, Firefox) can route room audio to a chosen output. */
  static canChooseOutput(): boolean {
    return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    this.sinkId = deviceId;
    await Promise.all([...this.elements.values()].map((element) => element.setSinkId(deviceId)));
  }

  clear(): void {
    for (const id of [...this.elements.keys()]) this.remove(id);
  }
}

/**
 * `navigator.getAutoplayPolicy("mediaelement")` (Autoplay Policy Detection): "disallowed" means
 * unmuted media cannot start without a user gesture. Absent in most browsers; then play() decides.
 */
function autoplayDisallowed(): boolean {
  const getPolicy: unknown = Reflect.get(navigator, "getAutoplayPolicy");
  if (typeof getPolicy !== "function") return false;
  try {
    return getPolicy.call(navigator, "mediaelement") === "disallowed";
  } catch {
    return false;
  }
}
