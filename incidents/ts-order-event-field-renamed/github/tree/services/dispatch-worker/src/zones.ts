// Outward code -> delivery zone. Loaded from the zones table at build time.
const OUTWARD_TO_ZONE: Record<string, string> = {
  LS1: "leeds-central", LS2: "leeds-central", LS6: "leeds-north", LS7: "leeds-north", LS11: "leeds-south",
  M1: "manchester-central", M4: "manchester-central", M14: "manchester-south", M20: "manchester-south",
  S1: "sheffield-central", S10: "sheffield-west", YO1: "york", BD1: "bradford",
};

export function resolveZone(postcode: string): string {
  const outward = postcode.trim().toUpperCase().split(/\s+/)[0];
  return OUTWARD_TO_ZONE[outward] ?? "unzoned";
}
