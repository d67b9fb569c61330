import { S3Client, HeadObjectCommand } from "@aws-sdk/client-s3";

const s3 = new S3Client({});

export const handler = async (event) => {
  const { shipmentId } = event.pathParameters;
  const carrier = event.queryStringParameters?.carrier;
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: process.env.LABEL_BUCKET, Key: `${carrier}/${shipmentId}.pdf` }));
    return { statusCode: 200, body: JSON.stringify({ shipmentId, ready: true, bytes: head.ContentLength }) };
  } catch (e) {
    if (e.name === "NotFound") {
      return { statusCode: 200, body: JSON.stringify({ shipmentId, ready: false }) };
    }
    throw e;
  }
};
