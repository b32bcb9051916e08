"use client";
import { useCallback, useEffect, useState } from "react";
import { currentUserSchema, type CurrentUser } from "@/shared/protocol";
import { callApi } from "@/lib/api";

export type CurrentUserState =
  { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; user: CurrentUser };

/** Who is signed in, from the session cookie (via /api/me). */
export function useCurrentUser(): [CurrentUserState, (user: CurrentUser | null) => void] {
  const [state, setState] = useState<CurrentUserState>({ status: "loading" });
  useEffect(() => {
    let active = true;
    void callApi("GET", "/api/me", currentUserSchema).then((result) => {
      if (active) setState(result.ok ? { status: "signed-in", user: result.data } : { status: "signed-out" });
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
