export default () => ({
  port: parseInt(process.env.PORT ?? '3000', 10),
  loyalty: {
    // loyalty-points is owned by the Loyalty team; we reach it through the platform internal gateway
    baseUrl: process.env.LOYALTY_BASE_URL ?? 'http://internal-gw.platform.svc.cluster.local/loyalty',
    timeoutMs: parseInt(process.env.LOYALTY_TIMEOUT_MS ?? '1500', 10),
  },
  pricing: {
    baseUrl: process.env.PRICING_BASE_URL ?? 'http://pricing.checkout.svc.cluster.local:8080',
  },
});
