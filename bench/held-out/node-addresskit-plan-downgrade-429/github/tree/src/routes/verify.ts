import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addressKit, AddressKitError } from '../clients/addresskit';
import { normalizePostcode } from '../lib/postcode';
import { cacheKey, getVerified, putVerified } from '../lib/verifiedCache';

const body = z.object({
  checkoutId: z.string().uuid(),
  address: z.object({
    line1: z.string().min(1),
    line2: z.string().optional(),
    city: z.string().min(1),
    postcode: z.string().min(2),
    country: z.string().length(2),
  }),
});

export async function verifyRoutes(app: FastifyInstance) {
  app.post('/v1/addresses/verify', async (req, reply) => {
    const { checkoutId, address } = body.parse(req.body);
    const input = { ...address, postcode: normalizePostcode(address.postcode, address.country) };
    const key = cacheKey(checkoutId, input);
    const cached = getVerified(key);
    if (cached) {
      return reply.header('x-address-cache', 'hit').send({ checkoutId, ...cached });
    }

    try {
      const result = await addressKit.verify(input);
      putVerified(key, result);
      return reply.send({ checkoutId, ...result });
    } catch (err) {
      if (err instanceof AddressKitError) {
        req.log.error({ err, checkoutId, providerStatus: err.status }, 'address verification failed');
        return reply.code(502).send({ error: 'address_provider_unavailable' });
      }
      throw err;
    }
  });
}
