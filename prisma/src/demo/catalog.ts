// The demo catalog `npm run db:seed` creates, described relative to "now" so that the
// on-sale performance is always on sale and the upcoming one always upcoming. Web pages,
// browser tests and the load test refer to it by slug.

export const demoCurrency = "EUR";

export interface DemoHall {
  name: string;
  address: string;
  rows: number;
  columns: number;
  /** Aisles and sections the seat map draws (see the hall's columns); none when left out. */
  aisleAfterRows?: readonly number[];
  aisleAfterColumns?: readonly number[];
  sections?: readonly DemoSection[];
}

export interface DemoSection {
  name: string;
  fromRow: number;
  toRow: number;
  fromColumn: number;
  toColumn: number;
}

export const demoHalls = {
  grand: {
    name: "Ticketping Grand Hall",
    address: "1 Harbour Road, Demo City",
    rows: 20,
    columns: 25,
    // A centre aisle, a cross aisle, and the stalls apart from the balcony.
    aisleAfterRows: [12],
    aisleAfterColumns: [12],
    sections: [
      { name: "Stalls", fromRow: 1, toRow: 12, fromColumn: 1, toColumn: 25 },
      { name: "Balcony", fromRow: 13, toRow: 20, fromColumn: 1, toColumn: 25 },
    ],
  },
  studio: {
    name: "Ticketping Studio",
    address: "7 Lantern Lane, Demo City",
    rows: 4,
    columns: 5,
  },
} as const satisfies Record<string, DemoHall>;

export interface DemoGrade {
  name: string;
  priceMinor: number;
  /** "#RRGGBB" for the seat map. */
  colour: string;
  /** Rows of this grade, inclusive, 1-based from the stage. */
  firstRow: number;
  lastRow: number;
}

export interface DemoPerformance {
  slug: string;
  name: string;
  description: string;
  hall: keyof typeof demoHalls;
  runtimeMinutes: number;
  ageRating: string;
  grades: readonly DemoGrade[];
  /** Offsets from now, in hours; negative is in the past. */
  bookingOpensInHours: number;
  /** Show days from today, each at 19:00 UTC. */
  showDays: readonly number[];
  /** Every seat sold to the demo buyers through confirmed, paid reservations. */
  soldOut: boolean;
}

export const demoPerformanceSlugs = {
  onSale: "aurora-symphony-live",
  upcoming: "neon-harbour-tour",
  soldOut: "quiet-strings-recital",
} as const;

const grandHallGrades: readonly DemoGrade[] = [
  { name: "VIP", priceMinor: 18_000, colour: "#B8860B", firstRow: 1, lastRow: 4 },
  { name: "R", priceMinor: 12_000, colour: "#C0392B", firstRow: 5, lastRow: 12 },
  { name: "S", priceMinor: 7_000, colour: "#2E86C1", firstRow: 13, lastRow: 20 },
];

export const demoPerformances: readonly DemoPerformance[] = [
  {
    slug: demoPerformanceSlugs.onSale,
    name: "Aurora Symphony Live",
    description:
      "A full orchestra and choir under the northern-lights stage show. Two evenings only.",
    hall: "grand",
    runtimeMinutes: 150,
    ageRating: "ALL",
    grades: grandHallGrades,
    bookingOpensInHours: -24,
    showDays: [7, 8],
    soldOut: false,
  },
  {
    slug: demoPerformanceSlugs.upcoming,
    name: "Neon Harbour Tour",
    description: "The synth-pop band's first arena tour. Booking opens soon: join the line early.",
    hall: "grand",
    runtimeMinutes: 120,
    ageRating: "12+",
    grades: grandHallGrades,
    bookingOpensInHours: 48,
    showDays: [21],
    soldOut: false,
  },
  {
    slug: demoPerformanceSlugs.soldOut,
    name: "Quiet Strings Recital",
    description: "An intimate string quartet evening in the studio. Every seat is taken.",
    hall: "studio",
    runtimeMinutes: 90,
    ageRating: "ALL",
    grades: [
      { name: "R", priceMinor: 6_000, colour: "#8E44AD", firstRow: 1, lastRow: 2 },
      { name: "S", priceMinor: 4_000, colour: "#16A085", firstRow: 3, lastRow: 4 },
    ],
    bookingOpensInHours: -72,
    showDays: [5],
    soldOut: true,
  },
];

/** Served by the web app from its public/ directory. */
export function demoPosterUrl(slug: string): string {
  return `/posters/${slug}.svg`;
}

/** Seats per reservation when selling out; matches the default per-buyer limit. */
export const demoSeatsPerReservation = 4;

/** What a seeded database holds for the demo catalog: tests assert these. */
export function demoCatalogCounts() {
  let schedules = 0;
  let seats = 0;
  let soldSeats = 0;
  let reservations = 0;
  let grades = 0;
  for (const performance of demoPerformances) {
    const hall = demoHalls[performance.hall];
    const perSchedule = hall.rows * hall.columns;
    schedules += performance.showDays.length;
    grades += performance.grades.length;
    seats += perSchedule * performance.showDays.length;
    if (performance.soldOut) {
      soldSeats += perSchedule * performance.showDays.length;
      reservations +=
        Math.ceil(perSchedule / demoSeatsPerReservation) * performance.showDays.length;
    }
  }
  return {
    halls: Object.keys(demoHalls).length,
    performances: demoPerformances.length,
    grades,
    schedules,
    seats,
    soldSeats,
    reservations,
  };
}
