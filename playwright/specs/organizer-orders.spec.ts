import { readFile } from "node:fs/promises";
import { seedReservation } from "@ticketping/db/testing";
import { expect, test } from "../fixtures/test";

test("the organizer finds a buyer's order of a show by searching and downloads the orders as CSV", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  const show = await newShow({ label: "Orders Desk" });
  const fan = await newBuyer("ordersfan");
  const other = await newBuyer("othersfan");
  const fanOrder = await seedReservation(prisma, {
    userId: fan.account.id,
    scheduleId: show.scheduleId,
    seatIds: [show.seat(1, 1), show.seat(1, 2)],
    status: "CONFIRMED",
  });
  await seedReservation(prisma, {
    userId: other.account.id,
    scheduleId: show.scheduleId,
    seatIds: [show.seat(1, 3)],
    status: "CONFIRMED",
  });

  const organizer = await newBuyer("ordersorg", { role: "ADMIN" });
  const desk = organizer.page;
  await desk.goto(`/organizer/performances/${show.performanceId}`);
  await desk.getByRole("link", { name: "Orders and refunds" }).click();
  await expect(desk).toHaveURL(`/organizer/shows/${show.scheduleId}`);
  const lists = desk.getByTestId("sales-lists");
  await expect(lists.getByTestId("order-row")).toHaveCount(2);

  await lists.getByRole("searchbox", { name: "Search" }).fill(fan.account.email.toUpperCase());
  await lists.getByRole("button", { name: "Search" }).click();
  await expect(lists.getByTestId("order-row")).toHaveCount(1);
  await expect(lists.getByTestId("order-row")).toContainText("R1-1 R1-2");

  const [download] = await Promise.all([
    desk.waitForEvent("download"),
    lists.getByTestId("download-csv").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^orders-[a-z0-9-]+-\d{8}-\d{4}\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n").filter(Boolean);
  expect(lines[0]).toMatch(/^order_id,status,buyer_name,buyer_email,/);
  // The search went with the download: the one order that matched.
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${fanOrder},CONFIRMED,`);
  expect(lines[1]).toContain(`,${fan.account.email},`);
  expect(lines[1]).toContain(",2,R1-1 R1-2,,100.00,EUR,");

  // The attendees: one row per ticket.
  await lists.getByRole("tab", { name: "Attendees" }).click();
  await expect(lists.getByTestId("attendee-row")).toHaveCount(2);
});
