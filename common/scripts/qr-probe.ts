// How many random ticket codes the door's scanner (ZXing) reads back from the printed PDF:
// `npx tsx scripts/qr-probe.ts [codes=300] [dpi=150]`. Prints the count and the codes it
// missed, so they can join the fixed set in src/tickets/ticket-pdf.test.ts.
import { randomBytes, randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { readQrCode } from "../src/testing/read-qr-code";
import { createTicketSigner } from "../src/tickets/ticket-signing";
import { renderTicketsPdf } from "../src/tickets/ticket-pdf";

const run = promisify(execFile);
const count = Number(process.argv[2] ?? 300);
const dpi = Number(process.argv[3] ?? 150);
const signer = createTicketSigner(randomBytes(32).toString("base64url"));
const tickets = Array.from({ length: count }, (_, index) => ({
  code: signer.signTicketCode({
    ticketId: randomUUID(),
    scheduleId: randomUUID(),
    seatLabel: `R${1 + (index % 40)}-${1 + index}`,
  }),
  reference: "TP-PROBE",
  seat: `Seat ${index + 1}`,
  gradeName: "VIP",
  holderName: "Probe",
}));
const pdf = await renderTicketsPdf({
  show: { performanceName: "QR probe", hallName: "Hall", startsAt: "now" },
  tickets,
});
const dir = await mkdtemp(path.join(tmpdir(), "ticketping-qr-probe-"));
try {
  await writeFile(path.join(dir, "tickets.pdf"), pdf);
  // One pdftoppm run for every page: a run per page would take most of the probe's time.
  await run("pdftoppm", [
    "-gray",
    "-r",
    String(dpi),
    path.join(dir, "tickets.pdf"),
    path.join(dir, "page"),
  ]);
  const pages = (await readdir(dir)).filter((name) => name.endsWith(".pgm")).sort();
  const missed: string[] = [];
  for (const [index, name] of pages.entries()) {
    const pgm = await readFile(path.join(dir, name));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString("latin1"));
    if (!header) throw new Error(`pdftoppm wrote no 8-bit PGM: ${name}`);
    const [whole = "", width = "0", height = "0"] = header;
    const image = {
      width: Number(width),
      height: Number(height),
      luma: pgm.subarray(whole.length),
    };
    const expected = tickets[index]?.code ?? "";
    let read: string | undefined;
    try {
      read = readQrCode(image);
    } catch {
      read = undefined;
    }
    if (read !== expected) missed.push(expected);
  }
  console.log(`${count - missed.length} of ${count} codes read from the PDF at ${dpi} dpi`);
  for (const code of missed) console.log(`missed: ${code}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
