export * from './define';
export * from './result';
export * from './contract/index';
export * from './types';
export * from './api-builder';
export * from './dispatch';
