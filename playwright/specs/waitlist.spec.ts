import { mailpit } from "../fixtures/mailpit";
import { holdSeats, lapseHoldNow } from "../fixtures/holds";
import { expect, test } from "../fixtures/test";

test("a buyer joins a sold-out show's waitlist, another buyer's hold lapses, the first gets the offer by mail and on My tickets, and buys", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
  redis,
}) => {
  test.setTimeout(120_000);
  const show = await newShow({ label: "Waitlist Night", hall: { rows: 1, columns: 2 } });
  const holder = await newBuyer("holder");
  const fan = await newBuyer("waitlisted");
  await admit(holder, show.performanceId);
  const hold = await holdSeats(holder.page.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(1, 1), show.seat(1, 2)],
  });

  // Sold out: the fan joins the waitlist for both seats, with no place in the line.
  const { page } = fan;
  await page.goto(`/performances/${show.slug}`);
  const schedule = page.getByTestId("schedule");
  await expect(schedule).toContainText("Sold out");
  await schedule.getByLabel("Seats wanted").selectOption("2");
  await schedule.getByRole("button", { name: /^Join the waitlist/ }).click();
  await expect(schedule.getByTestId("waitlist-joined")).toContainText("number 1 in line");

  // The holder does not pay: the hold lapses (see lapseHoldNow), and the system's own
  // expiry path frees the seats, which go to the fan as an offer.
  await lapseHoldNow(
    { prisma, redis },
    { scheduleId: show.scheduleId, reservationId: hold.reservationId },
  );

  await expect(async () => {
    await page.goto("/my-tickets");
    await expect(page.getByTestId("waitlist-offer-card")).toContainText(show.performanceName, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });

  // The mail's link opens the offer.
  const [summary] = await mailpit.waitFor(fan.account.email, { timeoutMs: 30_000 });
  const mail = await mailpit.message(summary?.ID ?? "");
  expect(mail.Subject).toContain("are yours to take");
  const link = /https?:\/\/\S+\/waitlist\/offers\/[0-9a-f-]{36}/.exec(mail.Text)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link ?? "");
  await expect(page.getByTestId("waitlist-offer")).toContainText("Row 1, seat 1");
  await page.getByRole("button", { name: "Take the seats" }).click();

  // Held for the fan: pay as any hold.
  await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);
  const reservationId = new URL(page.url()).pathname.split("/").pop() ?? "";
  await page.getByRole("button", { name: "Pay €360.00" }).click();
  await expect(page.getByText("Test payment page")).toBeVisible();
  await page.getByRole("button", { name: "Pay €360.00" }).click();
  await expect(page.getByText("You are going! These seats are yours.")).toBeVisible({
    timeout: 30_000,
  });

  const reservation = await prisma.reservation.findUniqueOrThrow({
    where: { id: reservationId },
    select: { userId: true, status: true, waitlistEntry: { select: { status: true } } },
  });
  expect(reservation).toEqual({
    userId: fan.account.id,
    status: "CONFIRMED",
    waitlistEntry: { status: "ACCEPTED" },
  });
});
