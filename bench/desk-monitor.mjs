// A socket of an admin or lead in the bench process, recording what the desk pushes: the event types, how many of each
// per `message.created`, and a real body of each, so that a bare socket.io baseline can send the very same traffic.

/** An admin socket in this process: what the desk sends per webhook (types, counts, a real body of each). */
export function monitorOf(io, url, token) {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
  let counts = new Map();
  const samples = new Map();
  socket.onAny((type, body) => {
    if (typeof body?.seq !== 'number' || type === 'replay.done') return;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    samples.set(type, body);
  });
  return {
    ready: new Promise((resolve, reject) => {
      socket.once('replay.done', resolve);
      socket.once('connect_error', reject);
    }),
    reset: () => (counts = new Map()),
    // Per message.created rather than per webhook sent: a desk that fell behind delivered fewer of each.
    shape: () => {
      const messages = counts.get('message.created') || 1;
      return {
        message: samples.get('message.created'),
        perMessage: Object.fromEntries([...counts].map(([t, n]) => [t, n / messages])),
        bytes: Object.fromEntries([...samples].map(([t, b]) => [t, JSON.stringify(b).length])),
        others: [...counts].filter(([t]) => t !== 'message.created').map(([type, n]) => ({ type, perTick: n / messages, body: samples.get(type) })),
      };
    },
    close: () => socket.close(),
  };
}
