import type { ReactNode } from "react";

/** Organizer pages check access themselves (see denyNonAdmin); this only frames them. */
export default function OrganizerLayout({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-6">{children}</div>;
}
