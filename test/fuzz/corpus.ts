/** The corpus files the fuzzer mutates (see test/corpus.ts). */
export { corpusBuffers } from '../corpus';
