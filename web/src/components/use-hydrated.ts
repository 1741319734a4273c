"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};
const onClient = () => true;
const onServer = () => false;

/**
 * False in the server's HTML and until React has hydrated the component, then true. A
 * control whose click does its work in a React handler is disabled until then: a click
 * on the bare HTML would be lost (a button) or submit the form natively (a form's GET).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeNever, onClient, onServer);
}
