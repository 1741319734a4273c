import type { PresaleCodeBook } from "@ticketping/common/queue";
import {
  givePresaleUsesBack,
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
  }) => Promise<PresaleSpend>;
  giveBack: (turn: { performanceId: string; userId: string }) => Promise<number>;
}

export function presaleLedgerFromDatabase(prisma: PrismaClient): PresaleLedger {
  return {
    book: presaleCodeBook(prisma),
    spend: spendPresaleCode(prisma),
    giveBack: givePresaleUsesBack(prisma),
  };
}
