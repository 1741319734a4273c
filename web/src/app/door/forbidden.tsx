import { Forbidden } from "@/components/forbidden";

/** What forbidden() renders under /door, with HTTP status 403. */
export default function DoorForbidden() {
  return <Forbidden area="door" />;
}
