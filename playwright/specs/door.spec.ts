import { request } from "@playwright/test";
import { seedReservation } from "@ticketping/db/testing";
import { signInThroughApi } from "../fixtures/accounts";
import { expectVerdict, openCameraPhone, scanWithCamera, typeAtDoor } from "../fixtures/door";
import { writeQrVideo } from "../fixtures/qr-video";
import { expect, test } from "../fixtures/test";

test("a buyer's tickets show their QR codes; the door admits by typed reference and by camera, once each, and offline with a report after sync", async ({
  newShow,
  newBuyer,
  prisma,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const show = await newShow({ label: "Door Night" });
  const fan = await newBuyer("fan");
  const door = await newBuyer("door", { role: "STAFF" });
  await seedReservation(prisma, {
    userId: fan.account.id,
    scheduleId: show.scheduleId,
    seatIds: [show.seat(2, 1), show.seat(2, 2), show.seat(2, 3)],
    status: "CONFIRMED",
  });

  // The buyer's tickets: three QR codes with their references.
  await fan.page.goto("/my-tickets");
  const tickets = fan.page.getByTestId("ticket");
  await expect(tickets).toHaveCount(3);
  await expect(tickets.first().getByRole("img", { name: /Ticket: Row 2, seat 1/ })).toBeVisible();
  const references = await fan.page.getByLabel("Ticket reference").allTextContents();
  const codes = await Promise.all(
    (await tickets.all()).map(
      async (ticket) => (await ticket.getAttribute("data-ticket-code")) ?? "",
    ),
  );
  const [typedReference, , offlineReference] = references;
  const [, cameraCode] = codes;
  if (!typedReference || !cameraCode || !offlineReference) throw new Error("tickets missing");

  // The door: typed reference, as staff read it off a phone whose screen will not scan.
  const page = door.page;
  await page.goto("/door");
  await page.getByRole("link", { name: new RegExp(show.performanceName) }).click();
  await page.getByLabel("Gate").fill("North");
  await typeAtDoor(page, typedReference.toLowerCase());
  const verdict = page.getByTestId("door-verdict");
  await expectVerdict(verdict, "ADMITTED", "Admit");
  await expect(verdict).toContainText("Row 2, seat 1");
  await typeAtDoor(page, typedReference);
  await expectVerdict(verdict, "ALREADY_ADMITTED", "Admitted at North");
  await expect(page.getByTestId("door-stats")).toContainText("1 of 3");

  // A second door with a camera: Chromium's fake camera shows the second ticket's QR code.
  const camera = await openCameraPhone({
    baseURL,
    staff: door.account,
    writeVideo: (file) => writeQrVideo(file, cameraCode),
  });
  try {
    const phone = camera.page;
    const phoneVerdict = await scanWithCamera(phone, {
      scheduleId: show.scheduleId,
      gate: "South",
    });
    await expectVerdict(phoneVerdict, "ADMITTED", "Row 2, seat 2", { timeout: 20_000 });
    await phone.getByRole("button", { name: "Stop camera" }).click();
    // The same ticket at the first door: already in, through the South gate.
    await typeAtDoor(page, codes[1] ?? "");
    await expectVerdict(verdict, "ALREADY_ADMITTED", "Admitted at South");
  } finally {
    await camera.close();
  }

  // Offline: the first door saves the list, loses the network, admits the third ticket by
  // itself; meanwhile another gate admits it online. Back online, the sync reports it.
  await page.getByRole("button", { name: "Download ticket list" }).click();
  await expect(page.getByText("Ticket list saved: 3 tickets.")).toBeVisible();
  await door.context.setOffline(true);
  await typeAtDoor(page, offlineReference);
  await expectVerdict(verdict, "ADMITTED", "Checked on this device (offline)");
  await expect(page.getByTestId("door-offline-state")).toContainText("1 admission waiting");
  // Another gate, another device, still online, admits the same ticket meanwhile.
  const westGate = await request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": "10.250.0.2" },
  });
  await signInThroughApi(westGate, door.account);
  const west = await westGate.post("/api/check-in", {
    data: { scheduleId: show.scheduleId, gate: "West", reference: offlineReference },
  });
  expect(((await west.json()) as { data: { outcome: string } }).data.outcome).toBe("ADMITTED");
  await westGate.dispose();

  await door.context.setOffline(false);
  await page.getByRole("button", { name: "Sync now" }).click();
  const report = page.getByTestId("door-sync-report");
  await expect(report).toContainText("1 offline admission was not valid once synced");
  await expect(report).toContainText("already admitted at West");
  await expect(page.getByTestId("door-offline-state")).toHaveText(/^Online\.\s*$/);
  await expect(page.getByTestId("door-stats")).toContainText("3 of 3");
});
