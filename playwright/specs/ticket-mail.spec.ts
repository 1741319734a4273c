import { PDFDocument } from "pdf-lib";
import { expectVerdict, openCameraPhone, scanWithCamera, typeAtDoor } from "../fixtures/door";
import { mailpit } from "../fixtures/mailpit";
import { writePngVideo } from "../fixtures/qr-video";
import { buySeats } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("a buyer's order mail carries the tickets; its link shows them, and the door admits them by typed code and by the mail's QR on camera, once each", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const show = await newShow({ label: "Mail Night" });
  const fan = await newBuyer("mailfan");
  await admit(fan, show.performanceId);
  await fan.page.goto(`/book/${show.scheduleId}`);
  const reservationId = await buySeats(fan.page, {
    seatIds: [show.seat(1, 1), show.seat(1, 2)],
    total: "€360.00",
  });
  const tickets = await prisma.ticket.findMany({
    where: { reservationId },
    select: { id: true, seat: { select: { column: true } } },
    orderBy: { seat: { column: "asc" } },
  });
  const [first, second] = tickets;
  if (!first || !second) throw new Error(`${tickets.length} tickets issued, expected 2`);

  // The order confirmation in the inbox, found by the buyer's address.
  const [summary] = await mailpit.waitFor(fan.account.email, { timeoutMs: 30_000 });
  const mail = await mailpit.message(summary?.ID ?? "");
  expect(mail.Subject).toBe(`Your tickets for ${show.performanceName}`);
  expect(mail.Text).toContain(reservationId);

  // It carries the PDF, a page a ticket, and each ticket's QR code inline where the HTML shows it.
  const pdf = mail.Attachments.find((file) => file.FileName === "tickets.pdf");
  if (!pdf) throw new Error("no tickets.pdf attached");
  expect(pdf.ContentType).toBe("application/pdf");
  const document = await PDFDocument.load(await mailpit.part(mail.ID, pdf.PartID));
  expect(document.getPageCount()).toBe(2);
  const cidOf = (ticketId: string) => `ticket-${ticketId}@ticketping`;
  expect(mail.Inline.map((image) => image.ContentID).sort()).toEqual(
    tickets.map((ticket) => cidOf(ticket.id)).sort(),
  );
  for (const image of mail.Inline) {
    expect(image.ContentType).toBe("image/png");
    expect(mail.HTML).toContain(`src="cid:${image.ContentID}"`);
  }

  // The mail's link, opened in the buyer's browser: the same two tickets.
  const link = /href="(https?:\/\/[^"]+\/my-tickets)"/.exec(mail.HTML)?.[1];
  if (!link) throw new Error("the mail links to no tickets page");
  expect(mail.Text).toContain(link);
  await fan.page.goto(link);
  const shown = fan.page.getByTestId("ticket");
  await expect(shown).toHaveCount(2);
  for (const reference of await fan.page.getByLabel("Ticket reference").allTextContents()) {
    expect(mail.Text).toContain(reference);
  }
  const ticketOfSeat = (column: number) =>
    shown.filter({
      has: fan.page.getByRole("img", { name: new RegExp(`Ticket: Row 1, seat ${column}\\b`) }),
    });
  const typedCode = (await ticketOfSeat(1).getAttribute("data-ticket-code")) ?? "";
  expect(typedCode).not.toBe("");

  // Door staff type the first ticket's code: in, then a second time already in.
  const door = await newBuyer("maildoor", { role: "STAFF" });
  const page = door.page;
  await page.goto("/door");
  await page.getByRole("link", { name: new RegExp(show.performanceName) }).click();
  await page.getByLabel("Gate").fill("North");
  await typeAtDoor(page, typedCode);
  const verdict = page.getByTestId("door-verdict");
  await expectVerdict(verdict, "ADMITTED", "Row 1, seat 1");
  await typeAtDoor(page, typedCode);
  await expectVerdict(verdict, "ALREADY_ADMITTED", "Admitted at North");

  // A phone's camera sees the second ticket's QR image from the mail, held up: in. Held up
  // on (the scanner reads a code again after 3 s), the second scan is already in.
  const image = mail.Inline.find((part) => part.ContentID === cidOf(second.id));
  if (!image) throw new Error("the second ticket's QR image is missing");
  const png = await mailpit.part(mail.ID, image.PartID);
  const camera = await openCameraPhone({
    baseURL,
    staff: door.account,
    writeVideo: (file) => writePngVideo(file, png),
  });
  try {
    const phone = camera.page;
    const phoneVerdict = await scanWithCamera(phone, {
      scheduleId: show.scheduleId,
      gate: "South",
    });
    await expectVerdict(phoneVerdict, "ADMITTED", "Row 1, seat 2", { timeout: 20_000 });
    await expectVerdict(phoneVerdict, "ALREADY_ADMITTED", "Admitted at South", {
      timeout: 20_000,
    });
    await phone.getByRole("button", { name: "Stop camera" }).click();
  } finally {
    await camera.close();
  }
  await expect(page.getByTestId("door-stats")).toContainText("2 of 2");
  expect(await prisma.checkIn.count({ where: { ticketId: { in: [first.id, second.id] } } })).toBe(
    2,
  );
});
