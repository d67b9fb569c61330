'use strict';

// GET /v1/products/:sku: product detail page.

module.exports = async function products(app) {
  app.get('/products/:sku', async (req, reply) => {
    const { sku } = req.params;
    const product = await app.search.query(`/v2/products/${encodeURIComponent(sku)}`, {});
    if (!product) {
      reply.code(404);
      return { error: 'not found' };
    }
    const prices = await app.pricing.bulk([sku], req.log);
    return {
      sku,
      name: product.name,
      brand: product.brand,
      images: product.images,
      variants: product.variants,
      badges: product.badges ?? [],
      price: prices[sku] ?? null,
    };
  });
};
