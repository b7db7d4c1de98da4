// The large side of direct.mjs's mixed run, in its own process so that encrypting 8 × 6.9 MB does
// not delay (and so inflate) the small reviews the generator times. Gets {port, caPem, clients,
// bytes} over IPC, sends large reviews back to back on `clients` keep-alive connections until told
// 'stop', then answers with its counts.
import { openConnection } from './raw-client.mjs';
import { largeUpdateReview } from './review-body.mjs';

const { port, caPem, clients, bytes } = await new Promise((resolve) => process.once('message', resolve));
const body = Buffer.from(largeUpdateReview(bytes));
const large = { answered: 0, decided: 0, undecided: 0, errors: 0 };
let running = true;
const conns = await Promise.all(Array.from({ length: clients }, () => openConnection({ port, caPem, path: '/deletion-protection', body, withBody: true })));
const loops = conns.map(async (c) => {
  while (running) {
    try {
      const r = await c.send();
      large.answered++;
      if (r.body.includes('"undecided"')) large.undecided++; else large.decided++;
    } catch {
      // The gateway closes a connection it answered early (busy, or over its budget mid-body).
      large.errors++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
});
process.send({ type: 'flooding' });
process.once('message', async () => {
  running = false;
  await Promise.all(loops);
  for (const c of conns) c.close();
  process.send(large, () => process.exit(0));
});
