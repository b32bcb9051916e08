"use client";
import { useEffect, useState } from "react";
import { registrationInfoSchema, type RegistrationInfo } from "@/shared/protocol";
import { callApi } from "@/lib/api";

/** The server's sign-up rules (mode, first account), or null while loading. */
export function useRegistrationInfo(): RegistrationInfo | null {
  const [info, setInfo] = useState<RegistrationInfo | null>(null);
  useEffect(() => {
    let active = true;
    void callApi("GET", "/api/registration", registrationInfoSchema).then((result) => {
      if (active && result.ok) setInfo(result.data);
    });
    return () => {
      active = false;
    };
  }, []);
  return info;
}
