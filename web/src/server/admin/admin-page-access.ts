import "server-only";
import { getSessionUser } from "../auth/session";

/**
 * Who may see organizer pages: "anonymous" goes to sign-in, "forbidden" sees the 403
 * page. Pages check this themselves as well as the layout, because a layout is not
 * re-rendered on client-side navigation between its pages.
 */
export async function adminPageAccess(): Promise<"admin" | "anonymous" | "forbidden"> {
  const user = await getSessionUser();
  if (!user) return "anonymous";
  return user.role === "ADMIN" ? "admin" : "forbidden";
}
