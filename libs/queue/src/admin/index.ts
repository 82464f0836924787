export * from './board-session';
export * from './dead-letter';
export * from './dead-letters.service';
export * from './queue-health.service';
