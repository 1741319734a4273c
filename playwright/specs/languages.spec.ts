import { PDFDocument } from "pdf-lib";
import { pdfText } from "@ticketping/common/testing";
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

  // The tickets it carries, and the same PDF and calendar file from My tickets, in Korean.
  const attached = mail.Attachments.find((file) => file.FileName === "tickets.pdf");
  if (!attached) throw new Error("no tickets.pdf attached");
  const mailedPdf = await mailpit.part(mail.ID, attached.PartID);
  expect((await PDFDocument.load(mailedPdf)).getTitle()).toBe(`티켓: ${show.performanceName}`);
  expect(await pdfText(mailedPdf)).toContain("1열 1번 · VIP");
  const downloaded = await fan.context.request.get(
    `/api/reservations/${reservationId}/tickets.pdf`,
  );
  expect(downloaded.status()).toBe(200);
  const downloadedText = await pdfText(await downloaded.body());
  expect(downloadedText).toContain("1열 1번 · VIP");
  expect(downloadedText).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
  const calendar = await fan.context.request.get(`/api/reservations/${reservationId}/calendar.ics`);
  expect(calendar.status()).toBe(200);
  // Unfolded as a calendar reads it: long lines continue after CRLF and a space.
  expect((await calendar.text()).replace(/\r\n /g, "")).toContain(
    "DESCRIPTION:예매 좌석: 1열 1번 (VIP). 모바일 티켓(QR 코드)은 '내 티켓'에서 확인하실 수 있습니다.",
  );
});

test("the organizer console speaks Korean to a Korean organizer: pages, confirm dialogs, charts and field errors", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  const show = await newShow({ label: "Hangul Console" });
  const other = await newShow({ label: "Hangul Other" });
  const { page } = await newBuyer("hangulorg", { role: "ADMIN", locale: "ko-KR" });

  await page.goto("/organizer");
  await expect(page.getByRole("heading", { level: 1, name: "주최자 콘솔" })).toBeVisible();
  await expect(page.getByRole("link", { name: "공연 등록" })).toBeVisible();

  await page.goto(`/organizer/performances/${show.performanceId}`);
  await expect(page.getByRole("heading", { name: "실시간 현황" })).toBeVisible();
  await expect(page.getByTestId("sale-status-text")).toContainText("상태: 공개");
  await expect(page.getByRole("figure", { name: "좌석", exact: true })).toBeVisible();
  await expect(page.getByTestId("presale-codes").getByLabel("일반 예매 시작 (UTC)")).toBeVisible();

  // A confirm dialog asks in Korean; cancelling keeps the sale as it was.
  await page.getByRole("button", { name: "준비 중으로 되돌리기" }).click();
  const dialog = page.getByRole("dialog", { name: "준비 중으로 되돌릴까요?" });
  await expect(dialog).toContainText("이미 선점된 좌석은 그대로 유지되며");
  await dialog.getByRole("button", { name: "취소" }).click();
  await expect(dialog).toBeHidden();

  // Queue settings refuse an out-of-range number in Korean, before sending.
  const maxActive = page.getByLabel("동시 예매 인원");
  await maxActive.fill("0");
  await page.getByRole("button", { name: "대기열 설정 저장" }).click();
  await expect(page.locator(`#${await maxActive.getAttribute("id")}-error`)).toHaveText(
    "1명 이상이어야 합니다.",
  );

  // A field the server refuses (a taken address) is named in Korean beside the field.
  const details = page.getByRole("region", { name: "공연 정보" });
  await details.getByLabel("주소 이름 (slug)").fill(other.slug);
  await details.getByRole("button", { name: "공연 정보 저장" }).click();
  const slug = details.getByLabel("주소 이름 (slug)");
  await expect(page.locator(`#${await slug.getAttribute("id")}-error`)).toHaveText(
    "이미 사용 중인 주소입니다.",
  );
  expect(
    (await prisma.performance.findUniqueOrThrow({ where: { id: show.performanceId } })).slug,
  ).toBe(show.slug);

  // The hall form says an out-of-range size in plain Korean, not the validator's text.
  await page.goto("/organizer/halls/new");
  await expect(page.getByRole("heading", { level: 1, name: "공연장 등록" })).toBeVisible();
  await page.getByLabel("이름", { exact: true }).fill("숫자 확인 홀");
  await page.getByLabel("주소", { exact: true }).fill("서울");
  await page.getByLabel("열 수").fill("0");
  await page.getByLabel("열당 좌석 수").fill("101");
  await page.getByRole("button", { name: "공연장 등록" }).click();
  await expect(page.locator("#hall-rows-error")).toHaveText("1열 이상이어야 합니다.");
  await expect(page.locator("#hall-columns-error")).toHaveText("한 열에 100석 이하여야 합니다.");

  // A show's page: its orders, held-back seats and cancellation.
  await page.goto(`/organizer/shows/${show.scheduleId}`);
  await expect(page.getByRole("heading", { name: "판매 보류 좌석" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "관객 명단" })).toBeVisible();
  await expect(page.getByTestId("held-back-count")).toHaveText("판매 보류 중인 좌석이 없습니다.");
});

test("the door and the fairness page speak Korean to a Korean browser", async ({
  newShow,
  newBuyer,
}) => {
  const show = await newShow({ label: "Hangul Door", opensInMinutes: 60 });
  const { page } = await newBuyer("hangulstaff", { role: "STAFF", locale: "ko-KR" });

  await page.goto("/door");
  await expect(page.getByRole("heading", { level: 1, name: "입장 확인: 회차 선택" })).toBeVisible();
  await page.goto(`/door?show=${show.scheduleId}`);
  await expect(page.getByRole("button", { name: "카메라로 스캔" })).toBeVisible();
  await expect(page.getByTestId("door-verdict")).toHaveText("티켓을 스캔하거나 코드를 입력하세요.");
  await page.getByLabel("티켓 코드 또는 예매 번호").fill("NOT-A-TICKET");
  await page.getByRole("button", { name: "확인", exact: true }).click();
  const verdict = page.getByTestId("door-verdict");
  await expect(verdict).toHaveAttribute("data-outcome", "INVALID");
  await expect(verdict).toContainText("유효하지 않은 티켓");
  await expect(verdict).toContainText("당사에서 발행한 티켓 코드가 아닙니다.");

  await page.goto(`/performances/${show.slug}/fairness`);
  await expect(page.getByRole("heading", { level: 1, name: "판매 공정성 검증" })).toBeVisible();
  await expect(page.getByTestId("fairness-verdict")).toContainText("아직 공개되지 않음");
  await expect(page.getByRole("heading", { name: "공개 기록" })).toBeVisible();
});

test("the presale's code form speaks Korean to a Korean buyer, refusals included", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  const show = await newShow({ label: "Hangul Presale", powComplexity: 0 });
  await prisma.performance.update({
    where: { id: show.performanceId },
    data: { generalSaleOpensAt: new Date(Date.now() + 86_400_000) },
  });
  const { page } = await newBuyer("hangulpresale", { locale: "ko-KR" });
  await page.goto(`/book/${show.scheduleId}`);
  const room = page.getByTestId("waiting-room");
  await expect(room).toHaveAttribute("data-state", "presale");
  await expect(page.getByTestId("presale-form")).toContainText("선예매 진행 중입니다.");
  const code = page.getByLabel("선예매 코드");
  const join = page.getByRole("button", { name: "이 코드로 대기열 입장" });
  const refusal = page.getByTestId("presale-refusal");

  await code.fill("AB1");
  await join.click();
  await expect(refusal).toHaveAttribute("data-code", "MISTYPED");
  await expect(refusal).toContainText("영문자나 숫자를 4자 이상 입력해 주세요.");

  await code.fill("WRNG-CODE-ABCD-EFGH");
  await join.click();
  await expect(refusal).toHaveAttribute("data-code", "PRESALE_CODE_INVALID");
  await expect(refusal).toContainText("이 공연에 사용할 수 없거나 회수된 코드입니다.");
  await expect(room).toHaveAttribute("data-state", "presale");
});
