import { validateMotorQuote } from './schema';

describe('motor quote response contract', () => {
  it('accepts an offered quote', () => {
    expect(validateMotorQuote({ status: 'OFFERED', premium: { annual: 612.4, currency: 'GBP' } })).toEqual([]);
  });

  it('accepts a quote pending review', () => {
    expect(validateMotorQuote({ status: 'PENDING_REVIEW', referralQueue: 'motor-manual' })).toEqual([]);
  });
});
