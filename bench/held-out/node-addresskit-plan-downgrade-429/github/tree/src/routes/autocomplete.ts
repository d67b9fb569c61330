import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addressKit, AddressKitError } from '../clients/addresskit';

const query = z.object({
  q: z.string().min(3).max(120),
  country: z.string().length(2).default('GB'),
});

export async function autocompleteRoutes(app: FastifyInstance) {
  app.get('/v1/addresses/autocomplete', async (req, reply) => {
    const { q, country } = query.parse(req.query);
    try {
      const suggestions = await addressKit.autocomplete(q, country);
      return reply.send({ suggestions });
    } catch (err) {
      if (err instanceof AddressKitError) {
        req.log.warn({ err, providerStatus: err.status }, 'autocomplete failed');
        return reply.code(502).send({ error: 'address_provider_unavailable' });
      }
      throw err;
    }
  });
}
