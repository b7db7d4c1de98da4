// Loaded into the runtime with `NODE_OPTIONS=--import` by `run.mjs --probe` (diagnosis only, not
// part of a measured run): prints the V8 heap and process memory to stderr as one JSON line every 2 s.
import { getHeapStatistics } from 'node:v8';

const MB = 1024 * 1024;
setInterval(() => {
  const m = process.memoryUsage(), h = getHeapStatistics();
  process.stderr.write(`${JSON.stringify({
    probe: 'memory', rssMB: +(m.rss / MB).toFixed(1), heapUsedMB: +(m.heapUsed / MB).toFixed(1), heapTotalMB: +(m.heapTotal / MB).toFixed(1),
    externalMB: +(m.external / MB).toFixed(1), arrayBuffersMB: +(m.arrayBuffers / MB).toFixed(1),
    codeMB: +((h.total_heap_size - h.used_heap_size) / MB).toFixed(1), mallocedMB: +(h.malloced_memory / MB).toFixed(1),
  })}\n`);
}, 2000).unref();
