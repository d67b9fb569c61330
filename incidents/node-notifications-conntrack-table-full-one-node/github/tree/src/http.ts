import { Agent, request } from "undici";
import { config } from "./config";

const agent = new Agent({
  connect: { timeout: config.outbound.connectTimeoutMs },
  keepAliveTimeout: 30_000,
  connections: 64,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  try {
    return await send(url, body, headers);
  } catch (err) {
    if ((err as { code?: string }).code !== "UND_ERR_CONNECT_TIMEOUT") throw err;
    await sleep(200 + Math.random() * 400);
    return send(url, body, headers);
  }
}

async function send(url: string, body: unknown, headers: Record<string, string>) {
  const res = await request(url, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    headersTimeout: config.outbound.headersTimeoutMs,
    bodyTimeout: config.outbound.bodyTimeoutMs,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text };
}
