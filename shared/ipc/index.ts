export * from './define';
export * from './result';
export * from './contract';
export * from './types';
export * from './api-builder';
export * from './dispatch';
