export const flags = {
  /** Split holds per warehouse when a basket spans several. */
  'basket.split-holds': true,
} as const;

export type FlagName = keyof typeof flags;
