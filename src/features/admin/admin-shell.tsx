"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { CurrentUser } from "@/shared/protocol";
import { PageShell } from "@/features/accounts/page-shell";

/** The console's sections, in the order staff use them (labels in the `admin` catalog). */
export const ADMIN_SECTIONS = [
  { href: "/admin", label: "liveRooms" },
  { href: "/admin/reports", label: "reports" },
  { href: "/admin/people", label: "people" },
  { href: "/admin/audit", label: "audit" },
  { href: "/admin/verification", label: "verification" },
  { href: "/admin/filters", label: "filters" },
] as const;

export type StaffViewer = CurrentUser & { role: "admin" | "moderator" };

function staffOf(user: CurrentUser): StaffViewer | null {
  if (user.isAdmin) return { ...user, role: "admin" };
  return user.isModerator ? { ...user, role: "moderator" } : null;
}

/**
 * The frame of every /admin page: the app header, the console's tabs, and a plain refusal for
 * anyone who is not staff (the server refuses their API calls with `forbidden` anyway).
 */
export function AdminShell({
  title,
  children,
}: {
  title: string;
  children: (staff: StaffViewer) => ReactNode;
}) {
  const t = useTranslations("admin");
  const pathname = usePathname();
  return (
    <PageShell wide>
      {(state) => {
        const staff = state.status === "signed-in" ? staffOf(state.user) : null;
        if (!staff)
          return (
            <section className="mx-auto mt-10 max-w-md rounded-3xl bg-white p-6 text-center shadow-sm">
              <h1 className="text-xl font-bold">{t("shell.staffOnly.title")}</h1>
              <p className="mt-2 text-stone-600">
                {t("shell.staffOnly.body")}{" "}
                {state.status === "signed-out" ? (
                  <Link href="/signin?next=/admin" className="font-semibold text-ink underline">
                    {t("shell.staffOnly.signIn")}
                  </Link>
                ) : (
                  <Link href="/" className="font-semibold text-ink underline">
                    {t("shell.staffOnly.back")}
                  </Link>
                )}
              </p>
            </section>
          );
        return (
          <div className="space-y-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
              <span className="rounded-full bg-stone-200 px-3 py-1 text-xs font-semibold tracking-wide text-stone-700 uppercase">
                {t(`shell.roles.${staff.role}`)}
              </span>
            </div>
            <nav aria-label={t("shell.nav")} className="-mx-4 overflow-x-auto px-4">
              <ul className="flex gap-1.5 whitespace-nowrap">
                {ADMIN_SECTIONS.map((section) => {
                  const current =
                    section.href === "/admin"
                      ? pathname === "/admin" || pathname.startsWith("/admin/rooms/")
                      : pathname.startsWith(section.href);
                  return (
                    <li key={section.href}>
                      <Link
                        href={section.href}
                        aria-current={current ? "page" : undefined}
                        className={`inline-block rounded-full px-3.5 py-1.5 text-sm font-medium ${
                          current ? "bg-ink text-white" : "bg-white text-stone-700 hover:bg-stone-100"
                        }`}
                      >
                        {t(`shell.sections.${section.label}`)}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            {children(staff)}
          </div>
        );
      }}
    </PageShell>
  );
}
