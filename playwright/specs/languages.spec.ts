import { mailpit } from "../fixtures/mailpit";
import { expect, test } from "../fixtures/test";

const LOCALE_COOKIE = "ticketping-locale";

test("a Korean browser reads Korean from the catalog to the seat map; the switcher changes to English, remembered across reloads and on the account", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  const show = await newShow({ label: "Hangul Night" });
  // Its pre-queue opens in an hour and a half: the waiting room can only say when.
  const early = await newShow({ label: "Hangul Dawn", opensInMinutes: 120 });
  const fan = await newBuyer("hangul", { locale: "ko-KR" });
  const { page } = fan;

  // The catalog, chosen from the browser's language.
  await page.goto("/performances");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1, name: "공연" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "내 티켓" })).toBeVisible();
  const card = page.getByTestId("performance-card").filter({ hasText: show.performanceName });
  await expect(card).toContainText("판매 중");
  await expect(card).toContainText("€70.00부터");

  // The performance page: its shows on the venue's clock, written the Korean way.
  await page.goto(`/performances/${show.slug}`);
  await expect(page.getByRole("heading", { name: "공연 회차" })).toBeVisible();
  const schedule = page.getByTestId("schedule");
  await expect(schedule).toContainText("잔여 18석 / 전체 18석");
  await expect(schedule).toContainText(
    /\d{4}년 \d{1,2}월 \d{1,2}일 \([월화수목금토일]\) \d\d:\d\d/,
  );
  await expect(schedule.getByRole("link", { name: /예매하기$/ })).toBeVisible();

  // The waiting room, as the server renders it and as it goes on live.
  const room = await fan.context.request.get(
    `/queue/${early.performanceId}?schedule=${early.scheduleId}`,
  );
  const roomHtml = await room.text();
  expect(roomHtml).toContain('<html lang="ko"');
  expect(roomHtml).toMatch(/<h1[^>]*>대기실<\/h1>/);
  await page.goto(`/queue/${early.performanceId}?schedule=${early.scheduleId}`);
  const notice = page.getByTestId("queue-notice");
  await expect(notice).toHaveAttribute("data-code", "NOT_OPEN_YET");
  await expect(
    notice.getByRole("heading", { name: "아직 대기실이 열리지 않았습니다" }),
  ).toBeVisible();
  await expect(notice.getByRole("button", { name: "사전 대기열 입장" })).toBeDisabled();

  // Admitted: the seat map names its seats in Korean.
  await admit(fan, show.performanceId);
  await page.goto(`/book/${show.scheduleId}`);
  await expect(page.locator(`[data-seat-id="${show.seat(1, 1)}"]`)).toHaveAccessibleName(
    "1열 1번, VIP, €180.00, 선택 가능",
  );
  await expect(page.getByRole("grid", { name: "무대에서 바라본 좌석" })).toBeVisible();

  // The switcher in the header: English at once, on the same page.
  await page.goto("/performances");
  await page.getByRole("group", { name: "언어" }).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Performances" })).toBeVisible();
  await expect(page).toHaveURL(/\/performances$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByRole("group", { name: "Language" }).getByRole("button", { name: "English" }),
  ).toHaveAttribute("aria-pressed", "true");

  // Remembered: a reload (the browser still asks for Korean) stays English.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Performances" })).toBeVisible();
  const cookies = await fan.context.cookies();
  expect(cookies.find((cookie) => cookie.name === LOCALE_COOKIE)?.value).toBe("en");
  // And on the account, for the mail sent to it.
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: fan.account.id },
    select: { locale: true },
  });
  expect(user.locale).toBe("en");
});

test("the switcher works without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL,
    locale: "ko-KR",
    javaScriptEnabled: false,
  });
  try {
    const page = await context.newPage();
    await page.goto("/performances");
    await expect(page.getByRole("heading", { level: 1, name: "공연" })).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Performances" })).toBeVisible();
    await page.getByRole("button", { name: "한국어" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "공연" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a Korean buyer books and pays in Korean, and the order mail reaches them in Korean", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  test.setTimeout(90_000);
  const show = await newShow({ label: "Hangul Mail" });
  // Signed up from a Korean browser: the account keeps the language.
  const fan = await newBuyer("hangulmail", { locale: "ko-KR" });
  const { page } = fan;
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: fan.account.id },
    select: { locale: true },
  });
  expect(user.locale).toBe("ko");

  await admit(fan, show.performanceId);
  await page.goto(`/book/${show.scheduleId}`);
  await page.locator(`[data-seat-id="${show.seat(1, 1)}"]`).click();
  await page.getByRole("button", { name: "1석 선점하기" }).click();
  await expect(page.getByText("좌석 선점 남은 시간")).toBeVisible();
  await page.getByRole("link", { name: "결제하기" }).click();
  await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);
  const reservationId = new URL(page.url()).pathname.split("/").pop() ?? "";
  await page.getByRole("button", { name: "€180.00 결제하기" }).click();
  await expect(page.getByText("테스트 결제 페이지입니다.")).toBeVisible();
  await page.getByRole("button", { name: "€180.00 결제하기" }).click();
  await expect(page.getByText("예매가 확정되었습니다!")).toBeVisible({ timeout: 30_000 });

  // The order mail, among whatever else the account was sent.
  const subject = `${show.performanceName} 티켓이 준비되었습니다`;
  await expect
    .poll(async () => (await mailpit.to(fan.account.email)).map((mail) => mail.Subject), {
      timeout: 45_000,
    })
    .toContain(subject);
  const summary = (await mailpit.to(fan.account.email)).find((mail) => mail.Subject === subject);
  const mail = await mailpit.message(summary?.ID ?? "");
  expect(mail.Text).toContain("결제가 완료되어 좌석이 확정되었습니다.");
  expect(mail.Text).toContain("1열 1번 (VIP)");
  expect(mail.Text).toContain(`예매 번호: ${reservationId}`);
  expect(mail.Text).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
  expect(mail.HTML).toContain('<html lang="ko">');
});
