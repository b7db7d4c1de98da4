export { MAX_INPUT_BYTES, readCapped, readStdin, readTextFile, type ReadResult } from './read-text-file.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
