import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sla1765000000000 implements MigrationInterface {
  name = 'Sla1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // The consistency target: in every period, at least min_attainment of first responses meet their target.
    await q.query(`
      ALTER TABLE workspaces
        ADD COLUMN consistency_period text NOT NULL DEFAULT 'day' CHECK (consistency_period IN ('day','week')),
        ADD COLUMN consistency_min_attainment numeric NOT NULL DEFAULT 0.9 CHECK (consistency_min_attainment BETWEEN 0 AND 1)`);

    // Tried in creation order (seq). Deleting one is soft: conversations and outcomes keep naming the policy they ran under.
    await q.query(`
      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        name text NOT NULL,
        match jsonb NOT NULL DEFAULT '{}',
        first_response_seconds integer NOT NULL CHECK (first_response_seconds > 0),
        next_response_seconds integer CHECK (next_response_seconds > 0),
        resolution_seconds integer CHECK (resolution_seconds > 0),
        business_hours_id uuid REFERENCES business_hours(id) ON DELETE RESTRICT,
        warn_at_percent integer NOT NULL DEFAULT 80 CHECK (warn_at_percent BETWEEN 1 AND 100),
        breach_action text NOT NULL DEFAULT 'notify' CHECK (breach_action IN ('notify','escalate')),
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sla_policies_workspace_idx ON sla_policies (workspace_id, seq) WHERE deleted_at IS NULL`);

    // The conversation's cycle (from its first customer message to resolution) and the due times it shows.
    await q.query(`
      ALTER TABLE conversations
        ADD COLUMN sla_policy_id uuid REFERENCES sla_policies(id),
        ADD COLUMN sla_cycle integer NOT NULL DEFAULT 0,
        ADD COLUMN sla_cycle_started_at timestamptz,
        ADD COLUMN sla_round integer NOT NULL DEFAULT 0,
        ADD COLUMN sla_first_responded_at timestamptz,
        ADD COLUMN sla_first_response_due_at timestamptz,
        ADD COLUMN sla_next_response_due_at timestamptz,
        ADD COLUMN sla_resolution_due_at timestamptz`);

    // Timers are data: one row per running or paused target; next_fire_at is what the timer workers wait for.
    await q.query(`
      CREATE TABLE sla_clocks (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        target text NOT NULL CHECK (target IN ('first_response','next_response','resolution')),
        cycle integer NOT NULL,
        round integer NOT NULL,
        policy_id uuid NOT NULL REFERENCES sla_policies(id),
        target_seconds integer NOT NULL,
        warn_at_percent integer NOT NULL,
        business_hours_id uuid REFERENCES business_hours(id) ON DELETE RESTRICT,
        started_at timestamptz NOT NULL,
        elapsed_seconds double precision NOT NULL DEFAULT 0,
        running_since timestamptz,
        due_at timestamptz,
        warn_at timestamptz,
        warned_at timestamptz,
        breached_at timestamptz,
        next_fire_at timestamptz,
        PRIMARY KEY (conversation_id, target)
      )`);
    await q.query(`CREATE INDEX sla_clocks_fire_idx ON sla_clocks (next_fire_at) WHERE next_fire_at IS NOT NULL`);
    await q.query(`CREATE INDEX sla_clocks_board_idx ON sla_clocks (workspace_id, due_at) WHERE due_at IS NOT NULL`);
    // A new or moved deadline wakes the timer workers at the commit that sets it (NOTIFY is delivered on commit, and
    // repeats within one transaction fold into one), so they sleep until the nearest deadline, not on a sweep.
    await q.query(`
      CREATE FUNCTION sla_clocks_wake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('desk_work', 'sla:db');
        RETURN NULL;
      END $$`);
    // Only a deadline earlier than the one it replaces can be earlier than what a worker sleeps until.
    await q.query(`
      CREATE TRIGGER sla_clocks_wake_new AFTER INSERT ON sla_clocks
        FOR EACH ROW WHEN (NEW.next_fire_at IS NOT NULL) EXECUTE FUNCTION sla_clocks_wake()`);
    await q.query(`
      CREATE TRIGGER sla_clocks_wake_sooner AFTER UPDATE OF next_fire_at ON sla_clocks
        FOR EACH ROW WHEN (NEW.next_fire_at IS NOT NULL AND (OLD.next_fire_at IS NULL OR NEW.next_fire_at < OLD.next_fire_at))
        EXECUTE FUNCTION sla_clocks_wake()`);

    // One row per target outcome, written once (a breach when it fires, completed at the reply; a met target at the reply):
    // what reports read, never messages.
    await q.query(`
      CREATE TABLE sla_outcomes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        cycle integer NOT NULL,
        round integer NOT NULL,
        target text NOT NULL CHECK (target IN ('first_response','next_response','resolution')),
        policy_id uuid REFERENCES sla_policies(id),
        channel_id uuid NOT NULL,
        role_id uuid,
        agent_id uuid,
        started_at timestamptz NOT NULL,
        due_at timestamptz,
        ended_at timestamptz,
        target_seconds integer NOT NULL,
        met boolean NOT NULL,
        business_seconds integer,
        wall_seconds integer,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX sla_outcomes_once_key ON sla_outcomes (conversation_id, cycle, target, round)`);
    await q.query(`
      CREATE INDEX sla_outcomes_report_idx ON sla_outcomes (workspace_id, started_at)
        INCLUDE (target, met, business_seconds, role_id, agent_id, channel_id, conversation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_outcomes`);
    await q.query(`DROP TABLE sla_clocks`);
    await q.query(`DROP FUNCTION sla_clocks_wake()`);
    await q.query(`
      ALTER TABLE conversations DROP COLUMN sla_policy_id, DROP COLUMN sla_cycle, DROP COLUMN sla_cycle_started_at, DROP COLUMN sla_round,
        DROP COLUMN sla_first_responded_at, DROP COLUMN sla_first_response_due_at, DROP COLUMN sla_next_response_due_at, DROP COLUMN sla_resolution_due_at`);
    await q.query(`DROP TABLE sla_policies`);
    await q.query(`ALTER TABLE workspaces DROP COLUMN consistency_period, DROP COLUMN consistency_min_attainment`);
  }
}
