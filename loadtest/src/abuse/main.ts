import { abuseReport } from "./report";
import { runAbuse } from "./run-abuse";

// `npm run abuse`: attacks the real system (built web app, queue service, worker) and
// prints what each attack met. Exits 1 when any attack got through.
const { outcomes, serviceLogs } = await runAbuse();
console.info(abuseReport(outcomes));
const held = outcomes.every((outcome) => outcome.held);
if (!held) console.error(serviceLogs);
process.exit(held ? 0 : 1);
