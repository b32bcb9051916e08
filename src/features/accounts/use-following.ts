"use client";
import { useEffect, useState } from "react";
import { peopleListSchema, type CurrentUser, type PersonSummary } from "@/shared/protocol";
import { callApi } from "@/lib/api";

/**
 * The people `user` follows (the pickers for co-hosts and closed-room guests offer them), loaded
 * once `wanted` is true; null while loading. An account without a username follows nobody yet.
 */
export function useFollowing(user: CurrentUser, wanted = true): PersonSummary[] | null {
  const [people, setPeople] = useState<PersonSummary[] | null>(null);
  useEffect(() => {
    if (!wanted || people !== null) return;
    if (!user.username) return setPeople([]);
    let active = true;
    void callApi("GET", `/api/users/${encodeURIComponent(user.username)}/following`, peopleListSchema).then(
      (result) => {
        if (active) setPeople(result.ok ? result.data.people : []);
      },
    );
    return () => {
      active = false;
    };
  }, [wanted, people, user.username]);
  return people;
}
