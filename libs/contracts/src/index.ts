export * from './geo';
export * from './catalog';
