import type { Screens } from '../../routes';
import { Accounts } from './accounts';
import { Approvals } from './approvals';
import { Points } from './points';
import { Queues } from './queues';
import { Refunds } from './refunds';
import { Runs } from './runs';
import './admin.css';

/** Co-operative admins: approvals, the day's collection runs, the queues, refunds, accounts, pickup points. */
export const screens: Screens = { approvals: Approvals, runs: Runs, queues: Queues, refunds: Refunds, accounts: Accounts, points: Points };
