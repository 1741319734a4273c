import { redirect } from "next/navigation";

/** The catalog is the home page; /performances is its one address (filters live there). */
export default function HomePage() {
  redirect("/performances");
}
