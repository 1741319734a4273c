import type { Locale } from "@ticketping/common/i18n";

/** Everything a mail says, in one language; the templates supply the facts. */
export interface MailWords {
  openLink: string;
  seat: (row: number, column: number, grade: string) => string;
  orderConfirmed: {
    title: (performance: string) => string;
    count: (seats: number) => string;
    action: string;
    reference: (id: string) => string;
    hello: (name: string) => string;
    totalPaid: (count: string, total: string) => string;
    qrAlt: (seat: string) => string;
    showQr: string;
    attached: string;
  };
  paymentFailed: {
    title: (performance: string) => string;
    held: (until: string) => string;
    action: string;
    hello: (name: string) => string;
  };
  holdLapsed: {
    title: (performance: string) => string;
    lapse: string;
    again: string;
    action: string;
    hello: (name: string) => string;
  };
  refundIssued: {
    title: (amount: string, performance: string) => string;
    refunded: (amount: string) => string;
    why: (reason: string) => string;
    action: string;
    hello: (name: string) => string;
  };
  showCancelled: {
    title: (performance: string) => string;
    sorry: string;
    refund: (amount: string) => string;
    action: string;
    hello: (name: string) => string;
  };
  verifyAddress: {
    title: string;
    ask: (name: string) => string;
    expiry: (hours: number) => string;
    action: string;
  };
  waitlistOffer: {
    title: (performance: string) => string;
    held: (seats: number, until: string) => string;
    action: string;
    hello: (name: string) => string;
  };
}

const en: MailWords = {
  openLink: "Or open this link:",
  seat: (row, column, grade) => `Row ${row}, seat ${column} (${grade})`,
  orderConfirmed: {
    title: (performance) => `Your tickets for ${performance}`,
    count: (seats) => (seats === 1 ? "1 ticket" : `${seats} tickets`),
    action: "View your tickets",
    reference: (id) => `Booking reference: ${id}`,
    hello: (name) => `Hello ${name}, your payment went through and your seats are yours.`,
    totalPaid: (count, total) => `${count}, total paid ${total}`,
    qrAlt: (seat) => `QR code of the ticket for ${seat}`,
    showQr: "Show the QR codes at the door, on your phone or printed (the PDF is attached).",
    attached:
      "Your tickets are attached as a PDF; show the QR codes at the door. If a code will not\nscan, staff can type its reference:",
  },
  paymentFailed: {
    title: (performance) => `Your payment for ${performance} did not go through`,
    held: (until) =>
      `Your seats are still held for you until ${until}: you can try again with the same or another card.`,
    action: "Try the payment again",
    hello: (name) => `Hello ${name}, the payment was declined and nothing was charged.`,
  },
  holdLapsed: {
    title: (performance) => `Your seats for ${performance} were released`,
    lapse:
      "The hold ran out before a payment arrived, so the seats went back on sale. Nothing was charged.",
    again: "If seats are left, you can book again.",
    action: "Book again",
    hello: (name) => `Hello ${name}.`,
  },
  refundIssued: {
    title: (amount, performance) => `Refund of ${amount} for ${performance}`,
    refunded: (amount) =>
      `We refunded ${amount} to the card you paid with. Banks take a few days to show it.`,
    why: (reason) => `Why: ${reason}`,
    action: "See your bookings",
    hello: (name) => `Hello ${name}.`,
  },
  showCancelled: {
    title: (performance) => `Cancelled: ${performance}`,
    sorry: "We are sorry: this show will not take place, and your tickets are no longer valid.",
    refund: (amount) =>
      `Your payment of ${amount} is refunded in full to the card you paid with; you need to do nothing.`,
    action: "See your bookings",
    hello: (name) => `Hello ${name}.`,
  },
  verifyAddress: {
    title: "Confirm your email address",
    ask: (name) =>
      `Hello ${name}, confirm that this address is yours to finish signing up to Ticketping.`,
    expiry: (hours) =>
      `The link works once and expires in ${hours} hours. If you did not sign up, ignore this mail.`,
    action: "Confirm my address",
  },
  waitlistOffer: {
    title: (performance) => `Seats for ${performance} are yours to take`,
    held: (seats, until) =>
      `We hold ${seats === 1 ? "1 seat" : `${seats} seats`} for you until ${until}. After that they go to the next buyer on the waitlist.`,
    action: "Take the seats",
    hello: (name) => `Hello ${name}, seats came back for a show whose waitlist you joined.`,
  },
};

const ko: MailWords = {
  openLink: "버튼이 열리지 않으면 이 링크를 여세요:",
  seat: (row, column, grade) => `${row}열 ${column}번 (${grade})`,
  orderConfirmed: {
    title: (performance) => `${performance} 티켓이 준비되었습니다`,
    count: (seats) => `티켓 ${seats}장`,
    action: "내 티켓 보기",
    reference: (id) => `예매 번호: ${id}`,
    hello: (name) => `${name}님, 결제가 완료되어 좌석이 확정되었습니다.`,
    totalPaid: (count, total) => `${count}, 총 결제 금액 ${total}`,
    qrAlt: (seat) => `${seat} 티켓 QR 코드`,
    showQr: "입장할 때 휴대폰 화면이나 인쇄한 QR 코드를 보여 주세요(PDF 티켓을 첨부했습니다).",
    attached:
      "티켓을 PDF로 첨부했습니다. 입장할 때 QR 코드를 보여 주세요. QR 코드가 인식되지 않으면\n직원이 아래 티켓 번호를 직접 입력할 수 있습니다:",
  },
  paymentFailed: {
    title: (performance) => `${performance} 결제가 완료되지 않았습니다`,
    held: (until) =>
      `좌석은 ${until}까지 계속 선점되어 있습니다. 같은 카드나 다른 카드로 다시 결제해 주세요.`,
    action: "다시 결제하기",
    hello: (name) => `${name}님, 결제가 거절되었으며 요금은 청구되지 않았습니다.`,
  },
  holdLapsed: {
    title: (performance) => `${performance} 좌석 선점이 해제되었습니다`,
    lapse:
      "결제가 완료되기 전에 선점 시간이 끝나 좌석이 다시 판매되었습니다. 요금은 청구되지 않았습니다.",
    again: "남은 좌석이 있다면 다시 예매하실 수 있습니다.",
    action: "다시 예매하기",
    hello: (name) => `${name}님, 안녕하세요.`,
  },
  refundIssued: {
    title: (amount, performance) => `${performance} ${amount} 환불 안내`,
    refunded: (amount) =>
      `결제하신 카드로 ${amount}을(를) 환불해 드렸습니다. 카드사에 반영되기까지 며칠이 걸릴 수 있습니다.`,
    why: (reason) => `사유: ${reason}`,
    action: "예매 내역 보기",
    hello: (name) => `${name}님, 안녕하세요.`,
  },
  showCancelled: {
    title: (performance) => `공연 취소 안내: ${performance}`,
    sorry:
      "죄송합니다. 이 공연은 열리지 않게 되었으며, 예매하신 티켓은 더 이상 사용할 수 없습니다.",
    refund: (amount) =>
      `결제하신 ${amount}은(는) 결제하신 카드로 전액 환불됩니다. 따로 하실 일은 없습니다.`,
    action: "예매 내역 보기",
    hello: (name) => `${name}님, 안녕하세요.`,
  },
  verifyAddress: {
    title: "이메일 주소를 인증해 주세요",
    ask: (name) =>
      `${name}님, Ticketping 가입을 마치려면 이 이메일 주소가 본인의 것인지 확인해 주세요.`,
    expiry: (hours) =>
      `이 링크는 한 번만 사용할 수 있으며 ${hours}시간 뒤에 만료됩니다. 가입하신 적이 없다면 이 메일은 무시하셔도 됩니다.`,
    action: "이메일 인증하기",
  },
  waitlistOffer: {
    title: (performance) => `${performance} 좌석을 예매하실 수 있습니다`,
    held: (seats, until) =>
      `${until}까지 고객님을 위해 ${seats}석을 잡아 두었습니다. 그 뒤에는 다음 대기자에게 넘어갑니다.`,
    action: "좌석 받기",
    hello: (name) => `${name}님, 대기 신청하신 공연에 좌석이 다시 나왔습니다.`,
  },
};

/** The words of every mail by language (the buyer's users.locale; English when unknown). */
export const mailWords: Record<Locale, MailWords> = { en, ko };
