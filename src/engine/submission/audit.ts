/**
 * The audit log: one entry per calculation, submission, approval or verification, kept with the
 * workbook and carried in the bundle (`audit-log.jsonl`). The time is the one the user's clock gave
 * the adapter (a string passed in); the engine never reads a clock.
 */
import { z } from "zod";

export const AUDIT_ACTIONS = ["calculate", "submit", "approve", "verify"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits");

export const AuditEntrySchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS),
    /** Who did it (a name, optionally with a role or e-mail). */
    who: z.string().min(1),
    /** When, as the user's clock gave it (ISO 8601 text); never read inside the engine. */
    when: z.string().min(1),
    method: z.object({ id: z.string().min(1), version: z.string().min(1) }).strict(),
    factorLibraries: z.array(z.object({ id: z.string().min(1), version: z.string().min(1), dataSha256: hex64 }).strict()),
    /** The run settings (as in settings.json). */
    settings: z.record(z.string(), z.unknown()),
    /** SHA-256 of each input as received, by input name. */
    inputsSha256: z.record(z.string(), hex64),
    /** Free text: the tool and command, the signer note, a reason for a change. */
    note: z.string().optional(),
  })
  .strict();

export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Checks an entry; throws with the failing paths. */
export function auditEntry(entry: AuditEntry): AuditEntry {
  const r = AuditEntrySchema.safeParse(entry);
  if (!r.success) throw new Error(`audit entry: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return r.data;
}
