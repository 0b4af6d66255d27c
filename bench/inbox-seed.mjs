// The stored inbox of bench/inbox-list.mjs: a workspace with N conversations, set-based (INSERT ... SELECT
// generate_series), each with its contact identity and its first inbound message, over 5 roles, 3 channels, 21
// agents and a year of activity. Deterministic (setseed and md5-derived ids), so each run builds the same rows.

/**
 * Seeds `n` conversations into workspace `ws` (its roles, channels and the bench agent already made through the
 * API). `messages`: whether each conversation gets its first message (the full-text index makes that the costly part).
 * Triggers and foreign-key checks are off for the session (session_replication_role = replica): the queue wake-ups
 * would otherwise queue a million assignment passes; every reference is made valid by construction.
 */
export async function seedInbox(client, { ws, roles, channels, agentId, n, messages, log }) {
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  // Bulk loading: the secondary indexes are dropped and built again afterwards, with their own definitions (the
  // migrations'), which is far faster than maintaining them row by row. Primary keys stay.
  const { rows: indexes } = await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename IN ('conversations', 'messages', 'contacts', 'contact_identities')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
  );
  for (const { indexname } of indexes) await client.query(`DROP INDEX "${indexname}"`);
  await client.query(`SELECT setseed(0.42)`);
  // 20 more agents who hold conversations (never signed in: they only need to exist), 4 per role; the bench
  // agent is a member of the first two roles and holds conversations too.
  await client.query(
    `INSERT INTO users (id, email, name, password_hash)
     SELECT md5('agent' || g)::uuid, 'holder' || g || '@bench.example', 'Holder ' || g, 'x' FROM generate_series(1, 20) g`,
  );
  await client.query(`INSERT INTO memberships (workspace_id, user_id, access) SELECT $1, md5('agent' || g)::uuid, 'agent' FROM generate_series(1, 20) g`, [ws]);
  await client.query(
    `INSERT INTO role_members (workspace_id, role_id, user_id) SELECT $1, ($2::uuid[])[1 + (g - 1) % 5], md5('agent' || g)::uuid FROM generate_series(1, 20) g`,
    [ws, roles],
  );
  const contacts = Math.ceil(n / 2);
  let t = performance.now();
  const took = () => {
    const s = ((performance.now() - t) / 1000).toFixed(1);
    t = performance.now();
    return s;
  };
  await client.query(
    `INSERT INTO contacts (id, workspace_id, name, username, followers, created_at)
     SELECT md5('contact' || g)::uuid, $1, 'Customer ' || g, 'customer_' || g, (random() * random() * 50000)::int, now() - interval '400 days'
     FROM generate_series(1, $2::int) g`,
    [ws, contacts],
  );
  await client.query(
    `INSERT INTO contact_identities (workspace_id, platform, external_id, contact_id, name, username)
     SELECT $1, 'api', 'customer-' || g, md5('contact' || g)::uuid, 'Customer ' || g, 'customer_' || g FROM generate_series(1, $2::int) g`,
    [ws, contacts],
  );
  log(`${contacts} contacts and their identities in ${took()} s`);
  // Per conversation: a status (20 % open, 10 % pending, 5 % snoozed, 65 % resolved), a role (5 % none), a priority,
  // an assignee (half of the open ones wait in their role's queue; 1 in 25 of the rest is the bench agent's), and a
  // last activity over the past year, the open ones more recent.
  await client.query(
    `CREATE TEMP TABLE bench_conv ON COMMIT PRESERVE ROWS AS
     WITH d AS (
       SELECT g, random() AS s, random() AS r, random() AS p, random() AS a, random() AS age, random() AS ch FROM generate_series(1, $1::int) g
     ), c AS (
       SELECT g, md5('conv' || g)::uuid AS id, r, a,
              CASE WHEN s < 0.20 THEN 'open' WHEN s < 0.30 THEN 'pending' WHEN s < 0.35 THEN 'snoozed' ELSE 'resolved' END AS status,
              CASE WHEN p < 0.05 THEN 'urgent' WHEN p < 0.20 THEN 'high' WHEN p < 0.90 THEN 'normal' ELSE 'low' END AS priority,
              CASE WHEN r < 0.05 THEN NULL ELSE ($2::uuid[])[1 + floor(r * 100)::int % 5] END AS role_id,
              ($3::uuid[])[1 + floor(ch * 3)::int] AS channel_id,
              now() - (CASE WHEN s < 0.35 THEN age * age * 30 ELSE age * 365 END) * interval '1 day' AS last_at
       FROM d
     )
     SELECT c.*, CASE
              WHEN status = 'open' AND a < 0.5 THEN NULL
              WHEN a > 0.96 AND role_id = ANY(($2::uuid[])[1:2]) THEN $4::uuid
              WHEN role_id IS NULL THEN md5('agent' || (1 + floor(a * 1000)::int % 20))::uuid
              ELSE md5('agent' || (array_position($2::uuid[], role_id) + 5 * (floor(a * 1000)::int % 4)))::uuid END AS assignee_id
     FROM c`,
    [n, roles, channels, agentId],
  );
  await client.query(
    `INSERT INTO conversations (id, workspace_id, channel_id, channel_type, kind, thread_key, email_token, status, snoozed_until, priority,
       role_id, assignee_id, contact_id, language, sentiment, tags, last_message_at, waiting_since, created_at, updated_at, version, assigned_at, map_version)
     SELECT id, $1, channel_id, 'api', CASE WHEN g % 3 = 0 THEN 'message' ELSE 'comment' END, 'thread-' || g, 'token-' || g, status,
            CASE WHEN status = 'snoozed' THEN now() + interval '30 days' END, priority, role_id, assignee_id, md5('contact' || ((g + 1) / 2))::uuid,
            CASE WHEN g % 4 = 0 THEN 'it' ELSE 'en' END, CASE WHEN r < 0.1 THEN 'negative' ELSE 'neutral' END,
            CASE WHEN priority = 'urgent' THEN ARRAY['complaint'] ELSE '{}' END, last_at,
            CASE WHEN status = 'open' THEN last_at END, last_at - interval '1 hour', last_at, 1, CASE WHEN assignee_id IS NOT NULL THEN last_at END, 1
     FROM bench_conv`,
    [ws],
  );
  log(`${n} conversations in ${took()} s`);
  if (messages) {
    await client.query(
      `INSERT INTO messages (id, workspace_id, conversation_id, channel_id, direction, author_type, author_name, text, external_id, created_at, received_at)
       SELECT md5('msg' || g)::uuid, $1, id, channel_id, 'inbound', 'contact', 'Customer ' || ((g + 1) / 2),
              CASE g % 4 WHEN 0 THEN 'vorrei prenotare un tavolo per ' || (g % 9 + 2) || ' persone'
                         WHEN 1 THEN 'my order ' || g || ' has not arrived yet, can I get a refund?'
                         WHEN 2 THEN 'love the new menu! #' || (g % 50) ELSE 'what time do you open on Sunday?' END,
              'm-' || g, last_at, last_at
       FROM bench_conv`,
      [ws],
    );
    log(`${n} messages in ${took()} s`);
  }
  await client.query(`DROP TABLE bench_conv`);
  await client.query(`RESET session_replication_role`);
  for (const { indexdef } of indexes) await client.query(indexdef);
  log(`${indexes.length} indexes built again in ${took()} s`);
  for (const table of ['conversations', 'contacts', 'contact_identities', 'messages', 'role_members', 'users', 'memberships']) {
    await client.query(`VACUUM ANALYZE ${table}`);
  }
  log(`VACUUM ANALYZE in ${took()} s`);
}
