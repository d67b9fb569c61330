import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { authOptions } from '../../auth/[...nextauth]';
import { listAuditEvents } from '../../../../lib/audit';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'unauthorized' });
  const events = await listAuditEvents(String(req.query.id), session.user.partnerId);
  return res.status(200).json({
    items: events.map((e) => ({ at: e.at, action: e.action, actor: e.actorName, actorEmail: e.actorEmail ?? null })),
  });
}
