import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { closeCampaign as close } from '../../lib/campaign-service';
import { retryOnContention } from '../../lib/errors';

/**
 * Ends a campaign with its summary (grids reported, patrols, items by kind and by town). The
 * owner unit's staff or leaders close it (a county may close a town's). Closing again answers the
 * stored summary with `closed: false`.
 */
export const closeCampaign = defineCallable('closeCampaign', async (input, { claims, actor }) =>
  retryOnContention(() => close(db, input.campaignId, claims, actor, new Date())),
);
