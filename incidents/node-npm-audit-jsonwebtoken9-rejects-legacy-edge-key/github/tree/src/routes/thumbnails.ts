import { Router } from "express";
import { documents } from "../repo/documents";

export const thumbnails = Router();

thumbnails.get("/v1/documents/:id/thumbnail", async (req, res, next) => {
  try {
    const thumb = await documents.thumbnail(req.params.id, req.auth.tenantId);
    if (!thumb) {
      return res.status(404).end();
    }
    res.set("Cache-Control", "private, max-age=86400, immutable");
    res.type("image/webp").send(thumb);
  } catch (err) {
    next(err);
  }
});
