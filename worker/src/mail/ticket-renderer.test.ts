import { readdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@ticketping/common/logger";
import { createTicketSigner } from "@ticketping/common/tickets";
import { ticketQrPngs, type PrintableReservation } from "@ticketping/common/tickets/print";
import { startTicketRenderer, type TicketRenderer } from "./ticket-renderer";

/** Nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[16]);
  });
}

const signingKey = randomUUID() + randomUUID();
const logger = createLogger({ name: "ticket-renderer-test", level: "silent" });
let renderer: TicketRenderer;

beforeAll(async () => {
  renderer = await startTicketRenderer({ signingKey, logger });
});
afterAll(async () => {
  await renderer.stop();
});

describe("the ticket renderer thread", () => {
  it("renders the PDF and a signed QR PNG per ticket off the main thread", async () => {
    const tickets = [
      { id: randomUUID(), row: 2, column: 5, gradeName: "R" },
      { id: randomUUID(), row: 1, column: 3, gradeName: "VIP" },
    ];
    const reservation: PrintableReservation = {
      reservationId: randomUUID(),
      scheduleId: randomUUID(),
      holderName: "Ana",
      performanceName: "Night Songs",
      hallName: "Blue Hall",
      startsAt: new Date("2026-12-20T10:30:00Z"),
      timeZone: "Asia/Seoul",
      tickets,
      locale: "en",
    };
    const rendered = await renderer.render(reservation);
    const pdf = await PDFDocument.load(rendered.pdf);
    expect(pdf.getPageCount()).toBe(2);
    // Seat order, each a PNG.
    expect(rendered.images.map((image) => image.ticketId)).toEqual([
      tickets[1]?.id,
      tickets[0]?.id,
    ]);
    for (const image of rendered.images) {
      expect(Buffer.from(image.png.subarray(1, 4)).toString()).toBe("PNG");
    }
    // Signed with the key it was given: Ed25519 is deterministic, so the same codes here
    // draw the same images.
    const expected = await ticketQrPngs(reservation, createTicketSigner(signingKey));
    expect(rendered.images.map((image) => Buffer.from(image.png))).toEqual(
      expected.map((image) => image.png),
    );
  });

  it.runIf(process.platform === "linux")(
    "runs at nice 19 while the calling thread keeps its priority",
    () => {
      expect(renderer.reniced).toBe(true);
      const values = threadNiceValues();
      expect(values.filter((nice) => nice === 19)).toHaveLength(1);
      const own = readFileSync("/proc/thread-self/stat", "utf8");
      expect(Number(own.slice(own.lastIndexOf(")") + 2).split(" ")[16])).toBe(0);
    },
  );

  it("fails a render after it stopped, and its thread is gone", async () => {
    const other = await startTicketRenderer({ signingKey, logger });
    await other.stop();
    await expect(
      other.render({
        reservationId: randomUUID(),
        scheduleId: randomUUID(),
        holderName: "Bo",
        performanceName: "P",
        hallName: "H",
        startsAt: new Date(),
        timeZone: "Europe/Paris",
        tickets: [],
        locale: "en",
      }),
    ).rejects.toThrow(/stopping/);
    if (process.platform === "linux") {
      expect(threadNiceValues().filter((nice) => nice === 19)).toHaveLength(1);
    }
  });
});
