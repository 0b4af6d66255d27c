// Preloaded (node --expose-gc --require) into the process bench/memory.mjs measures: on SIGUSR2 it collects garbage
// and writes process.memoryUsage() as JSON to BENCH_MEMORY_FILE, so heap figures come from the process itself.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    if (typeof global.gc === 'function') global.gc();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
