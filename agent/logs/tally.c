#include "common.h"
#include "logs/tally.h"

void tally_pending(struct miner *m, uint32_t id)
{
	struct digest *d = m->d;

	if (!d->assign_on || !m->pending_from)
		return;
	for (size_t i = m->pending_from - 1; i < d->lines; i++)
		if (d->assign[i] == TALLY_PENDING)
			d->assign[i] = id;
	m->pending_from = 0;
}
