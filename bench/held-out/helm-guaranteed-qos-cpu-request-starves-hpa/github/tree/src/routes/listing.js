'use strict';

// GET /v1/listing: category listing page = search-gateway results + pricing overlay.

module.exports = async function listing(app) {
  app.get('/listing', async (req, reply) => {
    const { category, page = 1, sort = 'relevance' } = req.query;
    if (!category) {
      reply.code(400);
      return { error: 'category is required' };
    }
    const result = await app.search.query('/v2/search', {
      category,
      page,
      sort,
      size: 48,
    });
    const prices = await app.pricing.bulk(result.items.map((i) => i.sku), req.log);
    return {
      page: Number(page),
      total: result.total,
      items: result.items.map((i) => ({ ...i, price: prices[i.sku] ?? null })),
      facets: result.facets,
    };
  });
};
