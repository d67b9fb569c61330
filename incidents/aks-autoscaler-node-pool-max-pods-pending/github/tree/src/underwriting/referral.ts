export enum UnderwritingOutcome {
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  PENDING_REVIEW = 'PENDING_REVIEW',
}

export interface UnderwritingDecision {
  outcome: UnderwritingOutcome;
  reasons: string[];
  referralQueue?: string;
}

/** Risks the rules cannot price go to a human underwriter; the quote stays pending until reviewed. */
export function referral(reasons: string[], queue = 'motor-manual'): UnderwritingDecision {
  return { outcome: UnderwritingOutcome.PENDING_REVIEW, reasons, referralQueue: queue };
}
