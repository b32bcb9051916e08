"use client";
import { useCallback, useEffect, useState } from "react";
import { sessionInfoSchema, type CurrentUser } from "@/shared/protocol";
import { callApi } from "@/lib/api";

export type CurrentUserState =
  { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; user: CurrentUser };

/** Who is signed in, from the session cookie (via GET /api/session). */
export function useCurrentUser(): [CurrentUserState, (user: CurrentUser | null) => void] {
  const [state, setState] = useState<CurrentUserState>({ status: "loading" });
  useEffect(() => {
    let active = true;
    void callApi("GET", "/api/session", sessionInfoSchema).then((result) => {
      if (!active) return;
      setState(
        result.ok && result.data.user
          ? { status: "signed-in", user: result.data.user }
          : { status: "signed-out" },
      );
    });
    return () => {
      active = false;
    };
  }, []);
  const set = useCallback(
    (user: CurrentUser | null) => setState(user ? { status: "signed-in", user } : { status: "signed-out" }),
    [],
  );
  return [state, set];
}
