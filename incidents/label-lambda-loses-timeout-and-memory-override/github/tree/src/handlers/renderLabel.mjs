import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { loadTemplate } from "../lib/templates.mjs";
import { renderPdf } from "../lib/pdf.mjs";

const s3 = new S3Client({});
const LABEL_BUCKET = process.env.LABEL_BUCKET;
const FORMATS = new Set(["4x6", "A6"]);

export const handler = async (event, context) => {
  const req = JSON.parse(event.body ?? "{}");
  const { shipmentId, carrier, format = "4x6", trackingNumber } = req;
  if (!shipmentId || !carrier) {
    return { statusCode: 400, body: JSON.stringify({ error: "shipmentId and carrier are required" }) };
  }
  if (!FORMATS.has(format)) {
    return { statusCode: 400, body: JSON.stringify({ error: `unsupported format ${format}, expected one of ${[...FORMATS].join(", ")}` }) };
  }
  if (!trackingNumber) {
    return { statusCode: 400, body: JSON.stringify({ error: "trackingNumber is required" }) };
  }

  const started = Date.now();
  const template = await loadTemplate(carrier, format);
  if (context.getRemainingTimeInMillis() < 1500) {
    console.warn(`remaining time ${context.getRemainingTimeInMillis()}ms after template load, shipment=${shipmentId} carrier=${carrier}`);
  }

  const pdf = await renderPdf(template, req);
  const key = `${carrier}/${shipmentId}.pdf`;
  await s3.send(new PutObjectCommand({ Bucket: LABEL_BUCKET, Key: key, Body: pdf, ContentType: "application/pdf" }));

  console.log(`rendered label shipment=${shipmentId} carrier=${carrier} format=${format} bytes=${pdf.length} ms=${Date.now() - started}`);
  return { statusCode: 201, body: JSON.stringify({ shipmentId, key }) };
};
