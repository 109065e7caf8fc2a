export * from './common';
export * from './entities';
export * from './sync';
export * from './mutations';
export * from './auth';
export * from './routes';
export * from './openapi';
export * from './json-depth';
