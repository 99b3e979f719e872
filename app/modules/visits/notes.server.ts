import { and, desc, eq } from "drizzle-orm";
import { internalNotes, users } from "../../../db/schema";
import { db } from "../../infra/db.server";
import type { Actor } from "../../kernel/actor";
import { run } from "../../kernel/command.server";
import type { CommandResult } from "../../kernel/result";
import { writeAudit } from "../audit/audit.server";

// Staff notes (issue 14, item 7): what admins and finance know about an application or a grant
// and keep to themselves. The route admits only staff; the group, its facilitators and
// reviewers never read them (DECISIONS 55). A note is kept as written.

export type NoteSubject = { kind: "application"; id: string } | { kind: "grant"; id: string };

const subjectColumn = (subject: NoteSubject) => (subject.kind === "application" ? internalNotes.applicationId : internalNotes.grantId);

/** The subject's notes, newest first, with their authors. */
export function listNotes(subject: NoteSubject) {
  return db
    .select({ id: internalNotes.id, body: internalNotes.body, author: users.name, writtenAt: internalNotes.writtenAt })
    .from(internalNotes)
    .innerJoin(users, eq(users.id, internalNotes.authorId))
    .where(and(eq(internalNotes.subject, subject.kind), eq(subjectColumn(subject), subject.id)))
    .orderBy(desc(internalNotes.writtenAt));
}

/** Adds a note; the audit row says that one was written, never what it says. */
export async function addNote(actor: Actor, subject: NoteSubject, body: string): Promise<CommandResult<{ id: string }>> {
  return run(async (tx) => {
    const [row] = await tx
      .insert(internalNotes)
      .values({
        subject: subject.kind,
        applicationId: subject.kind === "application" ? subject.id : null,
        grantId: subject.kind === "grant" ? subject.id : null,
        body,
        authorId: actor.user.id,
      })
      .returning({ id: internalNotes.id });
    await writeAudit(tx, {
      actorId: actor.user.id,
      action: "internal_note.written",
      entityType: subject.kind,
      entityId: subject.id,
      ip: actor.ip,
      data: { noteId: row.id },
    });
    return { id: row.id };
  });
}
