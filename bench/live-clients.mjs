// A child process of the benches (live-latency, ingest-throughput, memory) holding many socket.io clients. It records, per socket, when each
// `message.created` of the running phase arrived (the phase's index is in the message text), and on request turns
// those times into latencies against the times the parent hands it. Controlled over IPC.
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
const MARKER = /^bench (\S+) (\d+)$/;

/** @type {Array<{socket: import('socket.io-client').Socket, recv: Float64Array, dupes: number, lastSeq?: number, disconnects: number, reconnects: number, ready: boolean}>} */
let clients = [];
let phase = { name: '', count: 0 };
let events = 0;
let bytesApprox = 0;

function record(client, body) {
  const t = now();
  const m = MARKER.exec(body?.message?.text ?? '');
  if (!m || m[1] !== phase.name) return;
  const i = Number(m[2]);
  if (i >= client.recv.length) return;
  if (Number.isNaN(client.recv[i])) client.recv[i] = t;
  else client.dupes++;
}

/** Connects every client, `batch` at a time (all at once by default), each waiting for its replay on the desk. */
async function connect({ url, auths, desk, batch = auths.length }) {
  const started = now();
  clients = [];
  for (let from = 0; from < auths.length; from += batch) {
    const part = auths.slice(from, from + batch).map((auth) => open(url, auth));
    clients.push(...part);
    await Promise.all(part.map((client) => ready(client, desk)));
  }
  return { connected: clients.length, ms: now() - started };
}

function open(url, auth) {
  const client = { socket: undefined, recv: new Float64Array(0), dupes: 0, lastSeq: undefined, disconnects: 0, reconnects: 0, ready: false };
  // The desk's own recovery: a client cut off (e.g. for not keeping up) reconnects with the last seq it saw.
  const socket = io(url, {
    auth: (cb) => cb(client.lastSeq === undefined ? { ...auth } : { ...auth, lastSeq: client.lastSeq }),
    transports: ['websocket'],
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 2_000,
  });
  client.socket = socket;
  socket.on('message.created', (body) => record(client, body));
  socket.onAny((_name, body) => {
    events++;
    if (typeof body?.seq === 'number') client.lastSeq = Math.max(client.lastSeq ?? 0, body.seq);
  });
  socket.on('disconnect', () => client.disconnects++);
  socket.io.on('reconnect', () => client.reconnects++);
  return client;
}

function ready(client, desk) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a client did not connect within 60 s')), 60_000);
    const done = () => {
      clearTimeout(timer);
      client.ready = true;
      resolve();
    };
    client.socket.once('connect_error', (err) => (clearTimeout(timer), reject(new Error(`connect_error: ${err.message}`))));
    // The desk says when its replay is over; the bare server has none.
    if (desk) client.socket.once('replay.done', done);
    else client.socket.once('connect', done);
  });
}

function startPhase({ name, count }) {
  phase = { name, count };
  for (const c of clients) {
    c.recv = new Float64Array(count).fill(Number.NaN);
    c.dupes = 0;
  }
  events = 0;
  return { ok: true };
}

function progress() {
  let complete = 0;
  let received = 0;
  for (const c of clients) {
    let n = 0;
    for (let i = 0; i < c.recv.length; i++) if (!Number.isNaN(c.recv[i])) n++;
    received += n;
    if (n === phase.count) complete++;
  }
  return { complete, received, clients: clients.length, events };
}

/** Latencies (receipt minus the parent's reference time of the same index), as raw float64 bytes in base64. */
function collect({ reference }) {
  const latencies = new Float64Array(clients.length * phase.count);
  let k = 0;
  let missing = 0;
  let dupes = 0;
  let disconnects = 0;
  let reconnects = 0;
  for (const c of clients) {
    for (let i = 0; i < phase.count; i++) {
      const ref = reference[i];
      // No reference time: the webhook was not accepted (or, for the processing split, not processed): not counted.
      if (ref === null || ref === undefined) continue;
      if (Number.isNaN(c.recv[i])) missing++;
      else latencies[k++] = c.recv[i] - ref;
    }
    dupes += c.dupes;
    disconnects += c.disconnects;
    reconnects += c.reconnects;
  }
  return { latencies: Buffer.from(latencies.buffer, 0, k * 8).toString('base64'), missing, dupes, disconnects, reconnects, events };
}

function close() {
  for (const c of clients) c.socket.close();
  clients = [];
  return { ok: true };
}

process.on('message', async (msg) => {
  try {
    let result;
    if (msg.cmd === 'connect') result = await connect(msg);
    else if (msg.cmd === 'phase') result = startPhase(msg);
    else if (msg.cmd === 'progress') result = progress();
    else if (msg.cmd === 'collect') result = collect(msg);
    else if (msg.cmd === 'close') result = close();
    else if (msg.cmd === 'exit') {
      close();
      process.disconnect();
      return;
    } else throw new Error(`unknown command ${msg.cmd}`);
    process.send({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
