import type { PresaleCodeBook } from "@ticketping/common/queue";
import {
  endPresaleTurn,
  extendPresaleTurn,
  presaleCodeBook,
  spendPresaleCode,
  type PresaleSpend,
  type PrismaClient,
} from "@ticketping/db";

/** What the queue service does with presale codes: check at the door, spend, give back. */
export interface PresaleLedger {
  book: PresaleCodeBook;
  spend: (use: {
    codeId: string;
    performanceId: string;
    userId: string;
    tokenId: string;
    turnEndsAt: Date;
  }) => Promise<PresaleSpend>;
  /** A turn extended after its presale ended: its use's recorded end follows the token. */
  extendTurn: (turn: { tokenId: string; turnEndsAt: Date }) => Promise<void>;
  /** A turn ended: its use comes back unless a hold of it is live or bought. */
  endTurn: (turn: { performanceId: string; userId: string; tokenId?: string }) => Promise<number>;
}

export function presaleLedgerFromDatabase(prisma: PrismaClient): PresaleLedger {
  return {
    book: presaleCodeBook(prisma),
    spend: spendPresaleCode(prisma),
    extendTurn: extendPresaleTurn(prisma),
    endTurn: endPresaleTurn(prisma),
  };
}
