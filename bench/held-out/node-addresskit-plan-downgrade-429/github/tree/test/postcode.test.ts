import { describe, expect, it } from 'vitest';
import { normalizePostcode } from '../src/lib/postcode';

describe('normalizePostcode', () => {
  it('formats GB postcodes with one space', () => {
    expect(normalizePostcode('sw1a1aa', 'GB')).toBe('SW1A 1AA');
  });

  it('leaves unknown countries untouched apart from case', () => {
    expect(normalizePostcode(' 75008 ', 'FR')).toBe('75008');
  });
});

describe('normalizePostcode (NL, IE)', () => {
  it('formats NL postcodes', () => {
    expect(normalizePostcode('1017ab', 'NL')).toBe('1017 AB');
    expect(normalizePostcode('1017  AB', 'NL')).toBe('1017 AB');
  });

  it('formats Irish Eircodes', () => {
    expect(normalizePostcode('d02x285', 'IE')).toBe('D02 X285');
    expect(normalizePostcode('D6W 1234', 'IE')).toBe('D6W 1234');
  });
});
