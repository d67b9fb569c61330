import { PDFDocument, StandardFonts } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import bwipjs from "bwip-js";
import { readFile } from "node:fs/promises";

const fontBytes = readFile(new URL("../../fonts/Inter-Bold.ttf", import.meta.url));

export async function renderPdf(template, req) {
  const doc = await PDFDocument.load(template.background);
  doc.registerFontkit(fontkit);
  const bold = await doc.embedFont(await fontBytes, { subset: true });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.getPage(0);

  for (const field of template.layout.fields) {
    const value = String(req[field.source] ?? "");
    page.drawText(value, { x: field.x, y: field.y, size: field.size, font: field.bold ? bold : regular });
  }

  const png = await bwipjs.toBuffer({ bcid: template.layout.barcode.type, text: req.trackingNumber, scale: 3, height: 18 });
  const img = await doc.embedPng(png);
  const b = template.layout.barcode;
  page.drawImage(img, { x: b.x, y: b.y, width: b.width, height: b.height });

  return Buffer.from(await doc.save());
}
