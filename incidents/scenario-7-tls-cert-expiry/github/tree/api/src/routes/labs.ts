import { Router } from 'express';
import { z } from 'zod';
import { requirePatient } from '../auth/middleware';
import { labResults } from '../db/labResults';
import { audit } from '../audit';

const router = Router();

const listQuery = z.object({
  status: z.enum(['final', 'preliminary', 'all']).default('all'),
  since: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().optional(),
});

// GET /v1/labs - lab results of the signed-in patient, newest first
router.get('/', requirePatient, async (req, res, next) => {
  try {
    const q = listQuery.parse(req.query);
    const page = await labResults.listForPatient(req.patient.id, {
      status: q.status === 'all' ? undefined : q.status,
      since: q.since ? new Date(q.since) : undefined,
      limit: q.limit,
      cursor: q.cursor,
    });
    audit.record(req, 'labs.list', { count: page.items.length });
    res.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  } catch (err) {
    next(err);
  }
});

// GET /v1/labs/:id - one result with its observations
router.get('/:id', requirePatient, async (req, res, next) => {
  try {
    const result = await labResults.getForPatient(req.patient.id, req.params.id);
    if (!result) return res.status(404).json({ error: 'not_found' });
    audit.record(req, 'labs.read', { id: result.id });
    res.json(result);
  } catch (err) {
    next(err);
  }
});

export default router;
