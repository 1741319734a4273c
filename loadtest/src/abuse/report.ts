import type { AttackOutcome } from "./attack";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The abuse run as a Markdown table (SECURITY.md quotes one). */
export function abuseReport(outcomes: readonly AttackOutcome[]): string {
  const held = outcomes.filter((outcome) => outcome.held).length;
  return [
    `${held} of ${outcomes.length} attacks refused as they must be.`,
    "",
    "| attack | expected | observed | held |",
    "| --- | --- | --- | --- |",
    ...outcomes.map(
      ({ attack, expected, observed, held: ok }) =>
        `| ${cell(attack)} | ${cell(expected)} | ${cell(observed)} | ${ok ? "yes" : "**NO**"} |`,
    ),
  ].join("\n");
}
