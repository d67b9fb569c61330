import { Router } from "express";
import { logger } from "../logger";
import { param, validationResult } from "express-validator";
import { issueEdgeToken } from "../lib/edgeToken";
import { presignOriginUrl } from "../lib/s3";
import { documents } from "../repo/documents";

export const downloadLinks = Router();

downloadLinks.get(
  "/v1/documents/:id/download-link",
  param("id").isUUID(),
  async (req, res, next) => {
    if (!validationResult(req).isEmpty()) {
      return res.status(400).json({ error: "invalid_document_id" });
    }
    try {
      const doc = await documents.findForTenant(req.params.id, req.auth.tenantId);
      if (!doc) {
        return res.status(404).json({ error: "not_found" });
      }
      if (doc.storage === "s3-direct") {
        const url = await presignOriginUrl(doc.bucket, doc.key, 300);
        return res.json({ url, expires_in: 300 });
      }
      const token = issueEdgeToken({
        doc: doc.id,
        tenant: doc.tenantId,
        disposition: req.query.inline === "1" ? "inline" : "attachment",
      });
      return res.json({ url: `https://edge-dl.fernway.net/d/${doc.id}?t=${token}`, expires_in: 300 });
    } catch (err) {
      logger.error(
        { err, documentId: req.params.id, tenantId: req.auth.tenantId },
        "failed to issue download link",
      );
      return next(err);
    }
  },
);
