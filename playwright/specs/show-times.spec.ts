import { seedReservation } from "@ticketping/db/testing";
import { expect, test } from "../fixtures/test";

// One instant, two venues: 10:30 UTC on 15 January 2027 is 19:30 in Seoul and 11:30 in
// Paris. Written out by hand, not by the formatter under test.
const startsAt = new Date("2027-01-15T10:30:00Z");
const venues = [
  { timeZone: "Asia/Seoul", shown: "Fri, 15 Jan 2027, 19:30 GMT+9 (Asia/Seoul)" },
  { timeZone: "Europe/Paris", shown: "Fri, 15 Jan 2027, 11:30 CET (Europe/Paris)" },
];

test("show times read on the venue's clock, whatever the buyer's own zone", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  // The browser is in Los Angeles: neither venue's zone, nor UTC.
  const { page, account, context } = await newBuyer("traveller", {
    timeZone: "America/Los_Angeles",
  });
  const hydrationErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|#418|#423|#425/i.test(message.text())) {
      hydrationErrors.push(message.text());
    }
  });

  const shows = [];
  for (const venue of venues) {
    const show = await newShow({
      label: `Clock ${venue.timeZone.split("/")[1] ?? ""}`,
      timeZone: venue.timeZone,
      showsAt: startsAt,
    });
    shows.push({ ...venue, show });

    await page.goto(`/performances/${show.slug}`);
    await expect(page.getByTestId("schedule")).toContainText(venue.shown);

    // The waiting room's heading, as the server renders it (the page itself would join
    // the line and move on).
    const room = await context.request.get(
      `/queue/${show.performanceId}?schedule=${show.scheduleId}`,
    );
    expect(await room.text()).toContain(venue.shown);
  }

  // A held seat at the Paris show: the checkout names its time.
  const paris = shows[1];
  if (!paris) throw new Error("no Paris show");
  const held = await seedReservation(prisma, {
    userId: account.id,
    scheduleId: paris.show.scheduleId,
    seatIds: [paris.show.seat(2, 1)],
    status: "PENDING",
  });
  await page.goto(`/checkout/${held}`);
  await expect(page.getByText(paris.shown)).toBeVisible();

  // Tickets for both: My tickets shows each on its own venue's clock.
  for (const { show } of shows) {
    await seedReservation(prisma, {
      userId: account.id,
      scheduleId: show.scheduleId,
      seatIds: [show.seat(1, 1)],
      status: "CONFIRMED",
    });
  }
  await page.goto("/my-tickets");
  for (const venue of venues) {
    await expect(page.getByText(venue.shown).first()).toBeVisible();
  }
  expect(hydrationErrors).toEqual([]);
});
