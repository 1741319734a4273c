import { Forbidden } from "@/components/forbidden";

/** What forbidden() renders under /organizer, with HTTP status 403. */
export default function OrganizerForbidden() {
  return <Forbidden area="organizer" />;
}
