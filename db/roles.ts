import type { Database } from "./client";

// Two roles on PostgreSQL (DECISIONS.md 34): the owner of the tables runs the migrations; the app
// runs as a role that owns nothing. Only an owner may disable or drop a table's triggers, so the
// runtime role cannot switch off the audit log's append-only triggers, and it is not even granted
// UPDATE, DELETE or TRUNCATE on the log: two locks instead of one.

const roleName = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The role a PostgreSQL URL logs in as. */
export function roleOf(url: string): string {
  const name = decodeURIComponent(new URL(url).username);
  if (!roleName.test(name)) throw new Error(`the database role in the URL must be a plain name, not "${name}"`);
  return name;
}

/**
 * Gives the runtime role what the app needs on every table and sequence (the migrations' new
 * ones included: this runs after every migration), and takes from it every change of the audit
 * log and the breach log (DECISIONS 53) but INSERT. Idempotent. Run by the owner.
 */
export async function grantRuntimeRole(owner: Database, role: string): Promise<void> {
  if (!roleName.test(role)) throw new Error(`not a plain role name: ${role}`);
  const r = `"${role}"`;
  await owner.exec(`
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON breaches, breach_updates FROM ${r};
  `);
}
