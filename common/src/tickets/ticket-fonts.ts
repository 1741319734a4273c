import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";

/** Pretendard (SIL Open Font License): Latin and all of Hangul, as TrueType outlines. */
const FONT_FILES = {
  regular: "dist/public/static/alternative/Pretendard-Regular.ttf",
  bold: "dist/public/static/alternative/Pretendard-Bold.ttf",
} as const;

export interface TicketFont {
  bytes: Uint8Array;
  /** The code points it has glyphs for. */
  characters: ReadonlySet<number>;
}

export interface TicketFonts {
  regular: TicketFont;
  bold: TicketFont;
}

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit["create"]>>();

/**
 * fontkit for pdf-lib, keeping each font it parsed: pdf-lib parses the bytes of a font it
 * embeds in every document, a quarter of a second for a font with all of Hangul, while an
 * already parsed one is subset in milliseconds (the order mail makes a PDF per sale).
 */
export const ticketFontkit: Fontkit = {
  create(bytes) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

/**
 * OpenType features turned off when laying out ticket text: each character then is its
 * own glyph from the font's character map, which is all that precomposed Hangul and plain
 * Latin need, and laying out a ticket takes a third of the time (the font's contextual
 * and ligature tables are large). Only kerning between Latin letters is lost.
 */
export const ticketFontFeatures: Record<string, boolean> = Object.fromEntries(
  [
    "ccmp",
    "locl",
    "rlig",
    "mark",
    "mkmk",
    "calt",
    "clig",
    "liga",
    "rclt",
    "kern",
    "ljmo",
    "vjmo",
    "tjmo",
  ].map((feature) => [feature, false]),
);

async function readFont(file: string): Promise<TicketFont> {
  const bytes = new Uint8Array(await readFile(file));
  return { bytes, characters: new Set(ticketFontkit.create(bytes).characterSet) };
}

/**
 * The installed `pretendard` package's folder. Looked up as Node looks up a package, from
 * the working directory first: bundles (the worker's dist/main.js, Next's server chunks)
 * no longer sit where this file does, but every layout runs from inside the tree whose
 * node_modules holds the package (the repository, the Docker images' /app; Next's
 * standalone server changes into its own folder, whose traced node_modules holds it).
 */
function pretendardDir(): string {
  const bases = [path.join(process.cwd(), "noop.js"), import.meta.url];
  for (const base of bases) {
    try {
      return path.dirname(createRequire(base).resolve("pretendard/package.json"));
    } catch {
      // Not from here; the next base.
    }
  }
  throw new Error("The ticket font is missing: the npm package pretendard is not installed");
}

let loaded: Promise<TicketFonts> | undefined;

/** The ticket PDF's fonts, read once per process. */
export function loadTicketFonts(): Promise<TicketFonts> {
  loaded ??= (async () => {
    const dir = pretendardDir();
    const [regular, bold] = await Promise.all([
      readFont(path.join(dir, FONT_FILES.regular)),
      readFont(path.join(dir, FONT_FILES.bold)),
    ]);
    return { regular, bold };
  })().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
