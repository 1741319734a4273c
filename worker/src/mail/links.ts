/** The web app's pages that mails link to, under its public URL (PUBLIC_WEB_URL). */
export interface MailLinks {
  tickets: () => string;
  checkout: (reservationId: string) => string;
  performance: (slug: string) => string;
  /** A waitlist offer's page (web's /waitlist/offers/<reservationId>). */
  waitlistOffer: (reservationId: string) => string;
  /** The page that checks a verification link's token (web's /verify-email). */
  verifyEmail: (token: string) => string;
}

export function mailLinks(publicWebUrl: string): MailLinks {
  const at = (path: string) => new URL(path, publicWebUrl).toString();
  return {
    tickets: () => at("/my-tickets"),
    checkout: (reservationId) => at(`/checkout/${encodeURIComponent(reservationId)}`),
    performance: (slug) => at(`/performances/${encodeURIComponent(slug)}`),
    waitlistOffer: (reservationId) => at(`/waitlist/offers/${encodeURIComponent(reservationId)}`),
    verifyEmail: (token) => at(`/verify-email?token=${encodeURIComponent(token)}`),
  };
}
