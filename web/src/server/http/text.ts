import { z } from "zod";

/** Any string but one holding NUL, which PostgreSQL's text cannot store. */
// eslint-disable-next-line no-control-regex -- the one character it is about
export const NO_NUL = /^[^\u0000]*$/;

/**
 * A string the server stores or queries with: NUL is refused at the boundary (400), else
 * PostgreSQL refuses it at the INSERT or WHERE and the client got a 500.
 */
export const text = () => z.string().regex(NO_NUL, "Remove the NUL character.");
