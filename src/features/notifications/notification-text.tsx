import type { AppNotification } from "@/shared/protocol";

/** The sentence for a notification, with the room's title in bold: "Ana pinged you into **Design chat**". */
export function NotificationText({ notification }: { notification: AppNotification }) {
  const who = notification.actor?.displayName ?? "Someone";
  const title = <strong className="font-semibold">{notification.room?.title ?? "a room"}</strong>;
  if (notification.kind === "ping")
    return (
      <>
        <strong className="font-semibold">{who}</strong> pinged you into {title}
      </>
    );
  if (notification.kind === "chat-mention")
    return (
      <>
        <strong className="font-semibold">{who}</strong> mentioned you in {title}
        {notification.text ? <>: “{notification.text}”</> : null}
      </>
    );
  if (notification.kind === "staff-warning")
    return (
      <>
        <strong className="font-semibold">A warning from the moderators:</strong> {notification.text}
      </>
    );
  if (notification.kind === "verification-approved")
    return <>Your real name is verified: people now see a verified badge next to your name.</>;
  if (notification.kind === "verification-rejected")
    return (
      <>
        Your real-name verification was not approved
        {notification.text ? <>: {notification.text}</> : null}
      </>
    );
  return (
    <>
      {title} is live now{notification.actor ? <> with {who}</> : null}
    </>
  );
}

/** "just now", "5 min ago", "3 h ago", or the date. */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}
