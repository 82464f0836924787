import { addDays, todayInChina } from '@app/contracts';

export const tomorrowInChina = (now = new Date()) => addDays(todayInChina(now), 1);

