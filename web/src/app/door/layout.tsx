import type { ReactNode } from "react";
import { AreaMessages } from "@/components/i18n/area-messages";

export default function DoorLayout({ children }: { children: ReactNode }) {
  return (
    <AreaMessages namespaces={["door"]} roles={["STAFF", "ADMIN"]}>
      {children}
    </AreaMessages>
  );
}
