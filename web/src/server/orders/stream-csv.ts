import "server-only";
import { logger } from "../logger";
import { csvLine, type CsvValue } from "./csv-line";

/**
 * A CSV file as a stream that reads its rows a batch at a time, only when the client has
 * taken the previous batch (the stream pulls): memory stays one batch however many rows
 * there are, and a client that stops reading stops the queries. `nextBatch` gets the last
 * row of the previous batch (keyset pagination) and answers an empty batch at the end.
 */
export function streamCsv<Row>({
  header,
  toCells,
  nextBatch,
}: {
  header: readonly string[];
  toCells: (row: Row) => readonly CsvValue[];
  nextBatch: (after: Row | undefined) => Promise<Row[]>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let last: Row | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          // A byte-order mark, so spreadsheets read the names as UTF-8 (Korean, accents).
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
          return;
        }
        try {
          const rows = await nextBatch(last);
          if (rows.length === 0) {
            controller.close();
            return;
          }
          last = rows.at(-1);
          let text = "";
          for (const row of rows) text += csvLine(toCells(row));
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          // Headers are long gone: the client sees the download cut short, never a partial file
          // that looks whole (no closing chunk is sent).
          logger.error({ err: error }, "CSV export failed while streaming");
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
