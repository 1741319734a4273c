/**
 * How much of the live charts' past Redis keeps: the samples the charts show (three
 * minutes at one every three seconds), for an hour after the console last looked.
 */
export const chartHistory = {
  intervalSeconds: 3,
  samples: 60,
  ttlSeconds: 3_600,
} as const;
