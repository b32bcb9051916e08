/**
 * Who the room lets publish, and whether their producer starts paused (muted). The room service
 * decides; the media layer checks this on every send transport and produce, whatever a client says.
 */
export class PublishRights {
  private readonly publishers = new Set<string>();
  private readonly paused = new Set<string>();

  allow(userId: string, paused: boolean): void {
    this.publishers.add(userId);
    this.setPaused(userId, paused);
  }

  revoke(userId: string): void {
    this.publishers.delete(userId);
  }

  setPaused(userId: string, paused: boolean): void {
    if (paused) this.paused.add(userId);
    else this.paused.delete(userId);
  }

  may(userId: string): boolean {
    return this.publishers.has(userId);
  }

  isPaused(userId: string): boolean {
    return this.paused.has(userId);
  }

  /** Everyone allowed now, and whether they start paused (for a node that joins the room's media late). */
  list(): { userId: string; paused: boolean }[] {
    return [...this.publishers].map((userId) => ({ userId, paused: this.paused.has(userId) }));
  }
}
