import { describe, expect, it } from "vitest";
import { renderShowCalendar } from "./calendar";

const show = {
  uid: "reservation-1@ticketping",
  title: "Night, live; \\ at last",
  startsAt: new Date("2027-03-01T10:30:00.000Z"),
  durationMinutes: 150,
  location: "Grand Hall, 1 Seoul-ro",
  description: "Row 3, seat 12 · VIP\nDoors open an hour before.",
  url: "https://tickets.example/my-tickets",
  now: new Date("2026-12-06T08:00:00.000Z"),
};

/** Unfolds continuation lines (CRLF + space) as a calendar reads them. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, "").split("\r\n");
}

describe("renderShowCalendar", () => {
  it("writes one event in UTC with the show's end from its running time", () => {
    const lines = unfold(renderShowCalendar(show));
    expect(lines).toContain("DTSTART:20270301T103000Z");
    expect(lines).toContain("DTEND:20270301T130000Z");
    expect(lines).toContain("DTSTAMP:20261206T080000Z");
    expect(lines).toContain("UID:reservation-1@ticketping");
    expect(lines.filter((line) => line === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("escapes text values", () => {
    const lines = unfold(renderShowCalendar(show));
    expect(lines).toContain("SUMMARY:Night\\, live\\; \\\\ at last");
    expect(lines).toContain("DESCRIPTION:Row 3\\, seat 12 · VIP\\nDoors open an hour before.");
  });

  it("folds long lines at 75 octets without splitting a character, and ends every line with CRLF", () => {
    const long = renderShowCalendar({ ...show, description: "공연 안내 ".repeat(40) });
    expect(long.endsWith("\r\n")).toBe(true);
    expect(long.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of long.split("\r\n")) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
    const description = unfold(long).find((line) => line.startsWith("DESCRIPTION:"));
    expect(description).toBe(`DESCRIPTION:${"공연 안내 ".repeat(40)}`);
  });

  it("keeps Korean titles and places as written, in UTF-8", () => {
    const ics = renderShowCalendar({
      ...show,
      title: "봄의 소리 콘서트",
      location: "세종문화회관 대극장, 서울 종로구 세종대로 175",
    });
    const lines = unfold(ics);
    expect(lines).toContain("SUMMARY:봄의 소리 콘서트");
    expect(lines).toContain("LOCATION:세종문화회관 대극장\\, 서울 종로구 세종대로 175");
    expect(ics).not.toContain("?");
  });
});
