export * from './geo';
export * from './catalog';
export * from './stock-client.http';
export * from './pickup';
