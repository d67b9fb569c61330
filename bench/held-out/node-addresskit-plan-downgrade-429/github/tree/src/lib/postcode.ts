// Normalises postcodes before they are sent to AddressKit or compared.
const PATTERNS: Record<string, RegExp> = {
  GB: /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/,
  NL: /^(\d{4})\s*([A-Z]{2})$/,
  IE: /^([AC-FHKNPRTV-Y]\d{2}|D6W)\s*([0-9AC-FHKNPRTV-Y]{4})$/,
};

export function normalizePostcode(raw: string, country: string): string {
  const value = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  const pattern = PATTERNS[country];
  if (!pattern) {
    return value;
  }
  const match = value.replace(' ', '').match(pattern) ?? value.match(pattern);
  return match ? `${match[1]} ${match[2]}` : value;
}
