import { HttpClient } from '@larchfield/http-client';

import { logger } from '../logger';

export interface HoldLine {
  sku: string;
  qty: number;
}

export interface Hold {
  id: string;
  expiresAt: string;
}

export const stockClient = new HttpClient(
  'stock-reservation',
  process.env.STOCK_RESERVATION_URL ?? 'http://stock-reservation.inventory.svc.cluster.local:8080',
  { logger },
);

export async function hold(basketId: string, lines: HoldLine[]): Promise<Hold> {
  return stockClient.request<Hold>('POST', '/v1/reservations', { basketId, lines, ttlSeconds: 900 });
}
