export { readTextFile, readStdin, type ReadResult } from './read-text-file.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
