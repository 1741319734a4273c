import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../src/index";
import { createTestDatabase, createTestShow, type TestDatabase } from "../src/testing";

// A grade is priced in its performance's currency: the database refuses any other and moves
// every grade when the performance's currency changes.

describe("a grade's currency is its performance's", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "grade_currency" });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  const wonShow = () =>
    createTestShow(prisma, {
      name: "Won show",
      seats: 2,
      currency: "KRW",
      showTimes: [new Date(Date.now() + 86_400_000)],
    });

  it("refuses a new grade in another currency, and writes nothing", async () => {
    const show = await wonShow();
    await expect(
      prisma.seatGrade.create({
        data: {
          performanceId: show.performanceId,
          name: "Euro seats",
          priceMinor: 5_000,
          currency: "EUR",
          colour: "#123456",
        },
      }),
    ).rejects.toThrow(/seat_grades_currency_of_performance|not in its performance's currency/);
    expect(
      await prisma.seatGrade.count({
        where: { performanceId: show.performanceId, currency: "EUR" },
      }),
    ).toBe(0);

    const grade = await prisma.seatGrade.create({
      data: {
        performanceId: show.performanceId,
        name: "Won seats",
        priceMinor: 55_000,
        currency: "KRW",
        colour: "#123456",
      },
    });
    expect(grade.currency).toBe("KRW");
  });

  it("refuses changing one grade's currency on its own", async () => {
    const show = await wonShow();
    const [grade] = show.grades;
    if (!grade) throw new Error("the show has no grade");
    await expect(
      prisma.seatGrade.update({ where: { id: grade.id }, data: { currency: "USD" } }),
    ).rejects.toThrow(/not in its performance's currency/);
    expect((await prisma.seatGrade.findUniqueOrThrow({ where: { id: grade.id } })).currency).toBe(
      "KRW",
    );
  });

  it("moves every grade when the performance's currency changes", async () => {
    const show = await wonShow();
    await prisma.seatGrade.create({
      data: {
        performanceId: show.performanceId,
        name: "Balcony",
        priceMinor: 33_000,
        currency: "KRW",
        colour: "#654321",
      },
    });
    await prisma.performance.update({
      where: { id: show.performanceId },
      data: { currency: "JPY" },
    });
    const grades = await prisma.seatGrade.findMany({
      where: { performanceId: show.performanceId },
    });
    expect(grades).toHaveLength(show.grades.length + 1);
    expect(grades.map((grade) => grade.currency)).toEqual(grades.map(() => "JPY"));
  });
});
