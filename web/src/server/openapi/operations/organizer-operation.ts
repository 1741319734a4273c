/** What every operation of the organizer's console shares: its tag, and the ADMIN role. */
export const organizerOperation = { tag: "Organizer", access: "organizer" } as const;
