export * from './types';
export * from './ageGroups';
export * from './dimensions';
export * from './measures';
export * from './catalogue';
export * from './specCheck';
