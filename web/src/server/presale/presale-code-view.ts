import "server-only";
import type { PresaleCodeView } from "./schemas";

export const presaleCodeSelect = {
  id: true,
  kind: true,
  hint: true,
  label: true,
  uses: true,
  useLimit: true,
  seatCap: true,
  revokedAt: true,
  createdAt: true,
} as const;

export function presaleCodeView(row: {
  id: string;
  kind: string;
  hint: string;
  label: string;
  uses: number;
  useLimit: number;
  seatCap: number | null;
  revokedAt: Date | null;
  createdAt: Date;
}): PresaleCodeView {
  return {
    ...row,
    kind: row.kind === "SHARED" ? "SHARED" : "SINGLE",
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
