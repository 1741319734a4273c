import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A grey picture: one byte of luma a pixel, row by row. */
export interface GrayImage {
  width: number;
  height: number;
  luma: Uint8Array;
}

/** A PDF in a file of its own for poppler-utils (scripts/ensure-tools.sh installs them). */
async function withPdfFile<T>(
  bytes: Uint8Array,
  use: (file: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "ticketping-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, bytes);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text a reader gets from a PDF (pdftotext): what its fonts' Unicode maps say. */
export function pdfText(bytes: Uint8Array): Promise<string> {
  return withPdfFile(bytes, async (file) => {
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", file, "-"]);
    return stdout;
  });
}

/** One page of a PDF as a printer or a screen would show it (pdftoppm), in grey. */
export function renderPdfPage(
  bytes: Uint8Array,
  { page = 1, dpi = 150 }: { page?: number; dpi?: number } = {},
): Promise<GrayImage> {
  return withPdfFile(bytes, async (file, dir) => {
    const root = path.join(dir, "page");
    const pageArgs = ["-f", String(page), "-l", String(page), "-singlefile"];
    await run("pdftoppm", ["-gray", "-r", String(dpi), ...pageArgs, file, root]);
    const pgm = await readFile(`${root}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString("latin1"));
    if (!header) throw new Error("pdftoppm wrote no 8-bit PGM");
    const [whole = "", width = "0", height = "0"] = header;
    const luma = pgm.subarray(whole.length);
    return { width: Number(width), height: Number(height), luma };
  });
}
