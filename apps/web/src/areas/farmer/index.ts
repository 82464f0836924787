import type { Screens } from '../../routes';
import { Apply } from './apply';
import { Dashboard } from './dashboard';
import { Edit } from './edit';
import { EarningsScreen } from './earnings';
import { LabelScreen } from './labels';
import { Packing } from './packing';
import { PackTaskScreen } from './packing-task';
import { Listing } from './listing';
import { sendQueued } from './listing-outbox';

/** The farmer's screens: the listing ones, then the pack list, labels and earnings. */
export const screens: Screens = {
  dashboard: Dashboard, apply: Apply, listing: Listing, edit: Edit,
  packing: Packing, packTask: PackTaskScreen, label: LabelScreen, earnings: EarningsScreen,
};

// A listing queued before a reload goes out as soon as the farmer area is open again and online.
void sendQueued().catch(() => undefined);
