export * from './geo';
export * from './catalog';
export * from './http-call';
export * from './stock-client.http';
export * from './pickup';
export * from './pickup-client.http';
