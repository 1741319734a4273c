// The accounts `npm run db:seed` creates. Shared with the README, browser tests and
// fixtures so a changed password cannot drift between them. Demo data only.
import type { Role } from "../generated/browser";

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
}

export const demoOrganizer: DemoAccount = {
  email: "organizer@ticketping.test",
  password: "organizer-demo-pass",
  name: "Demo Organizer",
  role: "ADMIN",
};

export const demoBuyers: readonly DemoAccount[] = [1, 2, 3].map((n) => ({
  email: `buyer${n}@ticketping.test`,
  password: "buyer-demo-pass",
  name: `Demo Buyer ${n}`,
  role: "USER",
}));

export const demoAccounts: readonly DemoAccount[] = [demoOrganizer, ...demoBuyers];
