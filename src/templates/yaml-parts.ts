// What src/core imports from `yaml`, re-exported for yaml-lazy.ts: importing the library through
// this module lets the bundler leave out what is not used (the lazy chunk is smaller).
export { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
