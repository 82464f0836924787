import type { Screens } from '../../routes';
import { Handover } from './handover';
import { Receive } from './receive';
import { Settings } from './settings';
import { StatementScreen } from './statement';
import { Waiting } from './waiting';
import './staff.css';

/** Pickup-point staff: receive, hand over, what waits, the day's statement, the point's hours and days off. */
export const screens: Screens = { receive: Receive, handover: Handover, waiting: Waiting, statement: StatementScreen, settings: Settings };
