import { z } from "zod";

/**
 * A time in an API answer: ISO 8601 in UTC on the wire (what JSON.stringify makes of a
 * Date), a Date in the server code that returns it. Answer schemas use this, so the server
 * functions keep returning Dates while the OpenAPI document describes the string.
 */
export const dateTime = z.codec(z.iso.datetime(), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});
