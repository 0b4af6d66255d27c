// The baseline of bench/live-latency.mjs: a bare socket.io server (the same socket.io 4.8.3 the desk runs, with the
// desk gateway's options), no desk, no database. On command it broadcasts to every connected client at a steady
// rate the same traffic the desk sent in the matching phase (same event types, counts per webhook and bodies), and
// returns the time of each `message.created` emit call. Controlled over IPC.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const now = () => performance.timeOrigin + performance.now();

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 16 * 1024, cors: { origin: true }, pingInterval: 10_000, pingTimeout: 5_000 });

/**
 * @param {{name: string, rate: number, count: number, message: object, others: Array<{type: string, perTick: number, body: object}>}} run
 */
function broadcast(run) {
  const emitTimes = new Array(run.count).fill(null);
  const owed = run.others.map(() => 0);
  let seq = 0;
  const fire = (i) => {
    const body = structuredClone(run.message);
    body.seq = ++seq;
    body.at = new Date().toISOString();
    body.message.text = `bench ${run.name} ${i}`;
    emitTimes[i] = now();
    io.emit('message.created', body);
    // The other events the desk sent per webhook, spread evenly so the totals match.
    run.others.forEach((o, k) => {
      owed[k] += o.perTick;
      while (owed[k] >= 1) {
        owed[k] -= 1;
        io.emit(o.type, { ...o.body, seq: ++seq, at: new Date().toISOString() });
      }
    });
  };
  return new Promise((resolve) => {
    const start = now();
    let i = 0;
    const step = () => {
      const t = now();
      while (i < run.count && start + (i * 1000) / run.rate <= t) fire(i++);
      if (i >= run.count) return resolve({ emitTimes, seconds: (now() - start) / 1000 });
      setTimeout(step, Math.max(0, start + (i * 1000) / run.rate - now()));
    };
    step();
  });
}

process.on('message', async (msg) => {
  try {
    let result;
    if (msg.cmd === 'run') result = await broadcast(msg);
    else if (msg.cmd === 'clients') result = { clients: io.engine.clientsCount };
    else throw new Error(`unknown command ${msg.cmd}`);
    process.send({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on('disconnect', () => {
  io.close();
  process.exit(0);
});

http.listen(0, '127.0.0.1', () => process.send({ listening: http.address().port }));
