import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().default(8080),
  LOG_LEVEL: z.string().default('info'),
  APP_VERSION: z.string().default('dev'),
  ADDRESSKIT_BASE_URL: z.string().url().default('https://api.addresskit.example'),
  ADDRESSKIT_API_KEY: z.string().min(10),
  ADDRESSKIT_TIMEOUT_MS: z.coerce.number().default(2500),
  REDIS_URL: z.string(),
  DATABASE_URL: z.string().optional(),
});

const env = schema.parse(process.env);

export const config = {
  port: env.PORT,
  logLevel: env.LOG_LEVEL,
  version: env.APP_VERSION,
  addresskit: {
    baseUrl: env.ADDRESSKIT_BASE_URL,
    apiKey: env.ADDRESSKIT_API_KEY,
    timeoutMs: env.ADDRESSKIT_TIMEOUT_MS,
  },
  redisUrl: env.REDIS_URL,
  databaseUrl: env.DATABASE_URL,
};
