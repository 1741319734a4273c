import type { ReactNode } from "react";
import { AreaMessages } from "@/components/i18n/area-messages";

/** Organizer pages check access themselves (see denyNonAdmin); this frames them and gives
 * their forms the console's words. */
export default function OrganizerLayout({ children }: { children: ReactNode }) {
  return (
    <AreaMessages namespaces={["organizer", "hallPlan", "door"]} roles={["ADMIN"]}>
      <div className="flex flex-col gap-6">{children}</div>
    </AreaMessages>
  );
}
