import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";

const s3 = new S3Client({});
const BUCKET = process.env.TEMPLATE_BUCKET;
const TTL_MS = 10 * 60 * 1000;
const cache = new Map();

/**
 * Carrier label template (background PDF + field layout JSON) for a carrier and paper format.
 */
export async function loadTemplate(carrier, format) {
  const key = `${carrier}/${format}`;
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) {
    return hit.template;
  }
  const template = await fetchTemplate(carrier, format);
  cache.set(key, { template, expires: Date.now() + TTL_MS });
  return template;
}

async function fetchTemplate(carrier, format) {
  const [pdf, layout] = await Promise.all([
    s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${carrier}/${format}/background.pdf` })),
    s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${carrier}/${format}/layout.json` })),
  ]);
  return {
    background: await pdf.Body.transformToByteArray(),
    layout: JSON.parse(await layout.Body.transformToString()),
  };
}
