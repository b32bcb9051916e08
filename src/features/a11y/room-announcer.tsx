"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { RoomView } from "@/features/room/room-snapshot-reducer";
import { roomChanges, SpeakerThrottle, type Announcement } from "./room-announcements";

/** How often at most "X started speaking" is said. */
const SPEAKER_INTERVAL_MS = 4000;

/**
 * The room's one polite live region: screen readers hear who started speaking (throttled), their
 * own microphone, hand and invitation changes, and other speakers muting, from the room's state.
 * Visually hidden; it holds the latest sentences (two, so a quick pair is not lost).
 */
export function RoomAnnouncer({ snapshot }: { snapshot: RoomView | null }) {
  const t = useTranslations("a11y.room");
  const [said, setSaid] = useState<{ id: number; text: string }[]>([]);
  const previous = useRef<RoomView | null>(null);
  const counter = useRef(0);
  const throttle = useRef<SpeakerThrottle | null>(null);
  const translate = useRef(t);

  useEffect(() => {
    translate.current = t;
  }, [t]);

  useEffect(() => {
    const say = (text: string) => {
      counter.current += 1;
      const id = counter.current;
      setSaid((list) => [...list.slice(-1), { id, text }]);
    };
    const speakers = new SpeakerThrottle(
      (name) => say(translate.current("startedSpeaking", { name })),
      SPEAKER_INTERVAL_MS,
    );
    throttle.current = speakers;
    return () => speakers.stop();
  }, []);

  useEffect(() => {
    const changes = roomChanges(previous.current, snapshot);
    previous.current = snapshot;
    const texts = changes.announcements.map((announcement) => sentence(translate.current, announcement));
    if (texts.length > 0) {
      const start = counter.current + 1;
      counter.current += texts.length;
      setSaid((list) => [...list, ...texts.map((text, i) => ({ id: start + i, text }))].slice(-2));
    }
    if (changes.speaker !== undefined) throttle.current?.speaker(changes.speaker);
  }, [snapshot]);

  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="room-announcer">
      {said.map((line) => (
        <p key={line.id}>{line.text}</p>
      ))}
    </div>
  );
}

type RoomTranslator = ReturnType<typeof useTranslations<"a11y.room">>;

function sentence(t: RoomTranslator, a: Announcement): string {
  return "name" in a ? t(a.key, { name: a.name }) : t(a.key);
}
