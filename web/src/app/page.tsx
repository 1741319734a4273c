import { connection } from "next/server";
import { PerformanceCard } from "@/components/performance-card";
import { listPerformances } from "@/server/performances/list-performances";

export default async function HomePage() {
  // The catalog depends on the clock and on stock: render per request, never at build.
  await connection();
  const performances = await listPerformances();

  return (
    <section aria-labelledby="performances-heading">
      <h1 id="performances-heading" className="mb-6 text-2xl font-bold tracking-tight">
        Performances
      </h1>
      {performances.length === 0 ? (
        <p className="text-slate-600">No performances are announced yet.</p>
      ) : (
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {performances.map((performance) => (
            <li key={performance.id}>
              <PerformanceCard performance={performance} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
