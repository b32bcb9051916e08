import Link from "next/link";

/** In place of the room once it is over for this person: ended by the host, or removed. */
export function EndedRoomCard({ removed, problem }: { removed: boolean; problem: string | null }) {
  return (
    <div className="py-10 text-center">
      <h1 className="text-2xl font-bold">
        {removed ? "You were removed from this room" : "This room has ended"}
      </h1>
      <p className="mt-2 text-stone-600">{problem ?? "Thanks for listening."}</p>
      <Link href="/" className="mt-6 inline-block rounded-full bg-ink px-6 py-3 font-semibold text-white">
        Back to the hallway
      </Link>
    </div>
  );
}
