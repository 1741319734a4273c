import { describe, expect, it } from "vitest";
import { mailTemplates, type RenderedMail } from ".";

const show = {
  performanceName: "Winter <Gala> & Friends",
  hallName: "Olympic Hall",
  // 19:30 in Seoul.
  startsAt: new Date("2026-12-20T10:30:00Z"),
  timeZone: "Asia/Seoul",
};
const showTime = "Sun, 20 Dec 2026, 19:30 GMT+9 (Asia/Seoul)";

/** Both parts carry every fact; the HTML part holds them escaped, never as markup. */
function expectInBothParts(mail: RenderedMail, facts: readonly string[]): void {
  for (const fact of facts) {
    expect(mail.text).toContain(fact);
    expect(mail.html).toContain(
      fact.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"),
    );
  }
}

function expectWellFormed(mail: RenderedMail): void {
  expect(mail.html).toMatch(/^<!doctype html>/);
  expect(mail.html).not.toContain("<Gala>");
  expect(mail.html).not.toContain("undefined");
  expect(mail.text).not.toContain("undefined");
  // Plain text, not markup (names may hold angle brackets, tags may not).
  expect(mail.text).not.toMatch(/<(p|a|strong|br|li|ul|table|div)[\s/>]/);
}

describe("mail templates", () => {
  it("order confirmation: seats in hall order with grades, show time in the venue's zone, total", () => {
    const mail = mailTemplates["order-confirmed"]({
      locale: "en",
      buyerName: "Ana",
      show: { ...show, hallAddress: "424 Olympic-ro, Seoul" },
      seats: [
        { row: 3, column: 12, grade: "R" },
        { row: 1, column: 5, grade: "VIP" },
      ],
      amountMinor: 220000,
      currency: "KRW",
      reservationId: "0196f0c2-0000-7000-8000-000000000001",
      ticketsUrl: "https://tickets.example/my-tickets",
      tickets: [
        { id: "t-2", reference: "BBBB-BBBB-BBBBB", row: 3, column: 12, grade: "R" },
        { id: "t-1", reference: "AAAA-AAAA-AAAAA", row: 1, column: 5, grade: "VIP" },
      ],
      ticketImageCid: (id) => `${id}@cid.test`,
    });
    expect(mail.subject).toBe("Your tickets for Winter <Gala> & Friends");
    // Each ticket's QR code inline, in hall order, with the reference staff can type.
    expect(mail.html.indexOf('src="cid:t-1@cid.test"')).toBeGreaterThan(-1);
    expect(mail.html.indexOf('src="cid:t-1@cid.test"')).toBeLessThan(
      mail.html.indexOf('src="cid:t-2@cid.test"'),
    );
    expectInBothParts(mail, ["AAAA-AAAA-AAAAA", "BBBB-BBBB-BBBBB"]);
    expect(mail.text).toContain("attached as a PDF");
    expectWellFormed(mail);
    expectInBothParts(mail, [
      "Hello Ana",
      "Winter <Gala> & Friends",
      "Olympic Hall",
      "424 Olympic-ro, Seoul",
      showTime,
      "Row 1, seat 5 (VIP)",
      "Row 3, seat 12 (R)",
      "2 tickets, total paid",
      "₩220,000",
      "0196f0c2-0000-7000-8000-000000000001",
      "https://tickets.example/my-tickets",
    ]);
    expect(mail.text.indexOf("Row 1, seat 5")).toBeLessThan(mail.text.indexOf("Row 3, seat 12"));
    expect(mail.html).toContain('href="https://tickets.example/my-tickets"');
  });

  it("payment failed: the hold's end in the venue's zone and a link back to pay", () => {
    const mail = mailTemplates["payment-failed"]({
      locale: "en",
      buyerName: "Bo",
      show,
      holdExpiresAt: new Date("2026-12-01T03:05:00Z"),
      checkoutUrl: "https://tickets.example/checkout/r1",
    });
    expectWellFormed(mail);
    expect(mail.subject).toContain("did not go through");
    expectInBothParts(mail, [
      "nothing was charged",
      showTime,
      "held for you until Tue, 1 Dec 2026, 12:05 GMT+9 (Asia/Seoul)",
      "Try the payment again",
      "https://tickets.example/checkout/r1",
    ]);
  });

  it("hold lapsed: seats released, nothing charged, a link to book again", () => {
    const mail = mailTemplates["hold-lapsed"]({
      locale: "en",
      buyerName: "Cy",
      show,
      performanceUrl: "https://tickets.example/performances/winter-gala",
    });
    expectWellFormed(mail);
    expect(mail.subject).toBe("Your seats for Winter <Gala> & Friends were released");
    expectInBothParts(mail, [
      "went back on sale",
      "Nothing was charged",
      showTime,
      "https://tickets.example/performances/winter-gala",
    ]);
  });

  it("refund issued: the amount and why", () => {
    const mail = mailTemplates["refund-issued"]({
      locale: "en",
      buyerName: "Di",
      show,
      amountMinor: 12050,
      currency: "EUR",
      reason: "Cancelled by you",
      ticketsUrl: "https://tickets.example/my-tickets",
    });
    expectWellFormed(mail);
    expect(mail.subject).toBe("Refund of €120.50 for Winter <Gala> & Friends");
    expectInBothParts(mail, ["We refunded €120.50", "Why: Cancelled by you", showTime]);
  });

  it("show cancelled: tickets void, full refund", () => {
    const mail = mailTemplates["show-cancelled"]({
      locale: "en",
      buyerName: "Ed",
      show,
      amountMinor: 55000,
      currency: "KRW",
      ticketsUrl: "https://tickets.example/my-tickets",
    });
    expectWellFormed(mail);
    expect(mail.subject).toBe("Cancelled: Winter <Gala> & Friends");
    expectInBothParts(mail, ["no longer valid", "₩55,000 is refunded in full", showTime]);
  });

  it("verify your address: the single-use link and its expiry", () => {
    const mail = mailTemplates["verify-address"]({
      locale: "en",
      name: "Fa <script>",
      verifyUrl: "https://tickets.example/verify?token=a.b&x=1",
      expiresInHours: 24,
    });
    expectWellFormed(mail);
    expect(mail.html).not.toContain("<script>");
    expectInBothParts(mail, [
      "Hello Fa <script>",
      "expires in 24 hours",
      "https://tickets.example/verify?token=a.b&x=1",
    ]);
    expect(mail.html).toContain('href="https://tickets.example/verify?token=a.b&amp;x=1"');
  });

  it("keeps Korean names, shows and halls as written in the subject and both parts", () => {
    const mail = mailTemplates["show-cancelled"]({
      locale: "en",
      buyerName: "김민준",
      show: { ...show, performanceName: "봄의 소리 콘서트", hallName: "세종문화회관 대극장" },
      amountMinor: 55000,
      currency: "KRW",
      ticketsUrl: "https://tickets.example/my-tickets",
    });
    expectWellFormed(mail);
    expect(mail.subject).toContain("봄의 소리 콘서트");
    // Hangul goes into the HTML as characters, not entities: the layout declares UTF-8.
    expectInBothParts(mail, ["김민준", "봄의 소리 콘서트", "세종문화회관 대극장"]);
    expect(mail.html).toMatch(/<meta charset="utf-8" \/>/i);
  });

  it("speaks Korean to a Korean buyer: words, show time and amounts, in both parts", () => {
    const mail = mailTemplates["order-confirmed"]({
      locale: "ko",
      buyerName: "김민준",
      show: { ...show, hallAddress: "서울 송파구 올림픽로 424" },
      seats: [{ row: 1, column: 5, grade: "VIP" }],
      amountMinor: 55000,
      currency: "KRW",
      reservationId: "0196f0c2-0000-7000-8000-000000000002",
      ticketsUrl: "https://tickets.example/my-tickets",
      tickets: [{ id: "t-1", reference: "AAAA-AAAA-AAAAA", row: 1, column: 5, grade: "VIP" }],
      ticketImageCid: (id) => `${id}@cid.test`,
    });
    expectWellFormed(mail);
    expect(mail.subject).toBe("Winter <Gala> & Friends 티켓이 준비되었습니다");
    expect(mail.html).toContain('<html lang="ko">');
    expectInBothParts(mail, [
      "김민준님, 결제가 완료되어 좌석이 확정되었습니다.",
      "2026년 12월 20일 (일) 19:30 GMT+9 (Asia/Seoul)",
      "1열 5번 (VIP)",
      "티켓 1장, 총 결제 금액 ₩55,000",
      "예매 번호: 0196f0c2-0000-7000-8000-000000000002",
    ]);
    expect(mail.html).toContain("버튼이 열리지 않으면 이 링크를 여세요:");
    expect(mail.text).not.toMatch(/\b(Hello|Row|seat)\b|total paid|attached/);
  });

  it("has every template in every language", () => {
    const verify = mailTemplates["verify-address"]({
      locale: "ko",
      name: "김민준",
      verifyUrl: "https://tickets.example/verify?token=x",
      expiresInHours: 24,
    });
    expect(verify.subject).toBe("이메일 주소를 인증해 주세요");
    expect(verify.text).toContain("24시간 뒤에 만료됩니다");
    const lapsed = mailTemplates["hold-lapsed"]({
      locale: "ko",
      buyerName: "김민준",
      show,
      performanceUrl: "https://tickets.example/performances/x",
    });
    expect(lapsed.subject).toBe("Winter <Gala> & Friends 좌석 선점이 해제되었습니다");
    expectWellFormed(lapsed);
  });
});
