"use client";

import { useEffect, useRef, useState } from "react";

/**
 * What a polite live region should say: `message`, but at most once per `minIntervalMs`
 * while `topic` stays the same (a place in line changing every second would otherwise
 * talk over everything else); a new topic, such as being admitted, is said at once.
 */
export function useAnnouncement(message: string, topic: string, minIntervalMs = 10_000): string {
  const [announced, setAnnounced] = useState(message);
  const last = useRef({ at: 0, topic });
  useEffect(() => {
    const sameTopic = last.current.topic === topic;
    const wait = sameTopic ? Math.max(0, last.current.at + minIntervalMs - Date.now()) : 0;
    const timer = setTimeout(() => {
      last.current = { at: Date.now(), topic };
      setAnnounced(message);
    }, wait);
    return () => {
      clearTimeout(timer);
    };
  }, [message, topic, minIntervalMs]);
  return announced;
}
