/** What the media layer reports upward. It names users, never roles. */
export type RoomMediaListener = {
  producerAdded(info: { producerId: string; userId: string }): void;
  producerClosed(info: { producerId: string; userId: string }): void;
  consumerClosed(info: { userId: string; consumerId: string }): void;
  activeSpeaker(userId: string | null): void;
  /** The room's origin worker died: everything here is gone and the room must rebuild. */
  mediaLost(): void;
  /** A listener worker died: only these users' receive transports are gone (send sides live on). */
  receiversLost(userIds: string[]): void;
};
