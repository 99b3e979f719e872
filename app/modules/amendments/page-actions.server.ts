import { data, redirect } from "@remix-run/node";
import { parseForm } from "../../forms/parse-form.server";
import type { FieldErrors, FormValues } from "../../forms/parse-form.server";
import type { Actor, User } from "../../kernel/actor";
import type { CommandResult } from "../../kernel/result";
import { forbidden } from "../auth/guards.server";
import { hasPermission } from "../auth/permissions";
import { loadAgreementForReader } from "../grants/agreement.server";
import { facilitatorAcceptanceSchema, leaderAcceptanceSchema } from "../grants/grants.schema";
import { approveAmendmentSchema, askForChangeSchema, closeAmendmentSchema, declineRequestSchema, proposalOf, proposeAmendmentSchema } from "./amendments.schema";
import { acceptAmendment, approveAmendment, askForChange, declineAmendment, declineChangeRequest, proposeAmendment, withdrawAmendment } from "./commands.server";
import { amendmentsLink } from "./notices.server";

// The posts of the amendment pages, read here so the routes stay thin: each form by its intent,
// checked against who the reader is to the grant, answered with a redirect (so a reload posts
// nothing twice) or with its messages and what was typed.

export const AMENDMENT_POST_BYTES = 32 * 1024;

export const amendmentDones = ["proposed", "approved", "withdrawn", "accepted", "declined", "asked", "answered"] as const;
export type AmendmentDone = (typeof amendmentDones)[number];

function refusedForm(form: string, errors: FieldErrors, status: number, values: FormValues = {}) {
  return data({ form, errors, values }, { status });
}

function done<T extends object>(form: string, grantId: string, result: CommandResult<T>, what: AmendmentDone, values: FormValues = {}) {
  if (result.ok) return redirect(`${amendmentsLink(grantId)}?done=${what}`);
  return refusedForm(form, result.errors, result.status, values);
}

function textValues(body: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(body.keys())) {
    if (key === "intent") continue;
    const all = body.getAll(key).filter((v): v is string => typeof v === "string").map((v) => v.replaceAll("\u0000", "").slice(0, 2_000));
    values[key] = all.length === 1 ? all[0] : all;
  }
  return values;
}

/** A post to the amendments page or the proposal page. */
export async function handleAmendmentPost(grantId: string, user: User, body: FormData, actor: Actor) {
  const { grant, reader } = await loadAgreementForReader(grantId, user);
  const intent = String(body.get("intent") ?? "");
  const staff = hasPermission(user.roles, "manage:grants");
  const group = reader === "owner" || reader === "facilitator";
  const values = textValues(body);
  if (intent === "propose" || intent === "approve" || intent === "withdraw" || intent === "declineRequest") {
    if (!staff) throw forbidden();
    if (intent === "propose") {
      const form = await parseForm(body, proposeAmendmentSchema);
      if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
      return done(intent, grant.id, await proposeAmendment(grant, proposalOf(form.data), actor), "proposed", values);
    }
    if (intent === "approve") {
      const form = await parseForm(body, approveAmendmentSchema);
      if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
      return done(intent, grant.id, await approveAmendment(grant, form.data.versionId, actor), "approved");
    }
    if (intent === "withdraw") {
      const form = await parseForm(body, closeAmendmentSchema);
      if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
      return done(intent, grant.id, await withdrawAmendment(grant, form.data, actor), "withdrawn", values);
    }
    const form = await parseForm(body, declineRequestSchema);
    if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
    return done(intent, grant.id, await declineChangeRequest(grant, form.data, actor), "answered", values);
  }
  if (intent === "accept" || intent === "decline" || intent === "ask") {
    if (!group) throw forbidden();
    const onBehalf = reader === "facilitator";
    if (intent === "ask") {
      const form = await parseForm(body, askForChangeSchema);
      if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
      return done(intent, grant.id, await askForChange(grant, form.data, actor, onBehalf), "asked", values);
    }
    if (intent === "decline") {
      const form = await parseForm(body, closeAmendmentSchema);
      if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
      return done(intent, grant.id, await declineAmendment(grant, form.data, actor, onBehalf), "declined", values);
    }
    // The acceptance's own fields are those of the agreement's first acceptance; the version rides beside them.
    const versionId = String(body.get("versionId") ?? "");
    body.delete("versionId");
    if (!onBehalf) {
      const form = await parseForm(body, leaderAcceptanceSchema(user.name));
      if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
      const parsed = approveAmendmentSchema.safeParse({ versionId });
      if (!parsed.success) return refusedForm(intent, { "": "amendments.errors.unknownVersion" }, 400);
      return done(intent, grant.id, await acceptAmendment(grant, versionId, { by: "owner", signature: form.data.signature }, actor), "accepted", values);
    }
    const form = await parseForm(body, facilitatorAcceptanceSchema);
    if (!form.ok) return refusedForm(intent, form.errors, 400, form.values);
    if (!approveAmendmentSchema.safeParse({ versionId }).success) return refusedForm(intent, { "": "amendments.errors.unknownVersion" }, 400);
    const { consentBy, consentMethod, witnessName } = form.data;
    return done(intent, grant.id, await acceptAmendment(grant, versionId, { by: "facilitator", consentBy, consentMethod, witnessName }, actor), "accepted", values);
  }
  return refusedForm(intent, { "": "grants.errors.unknownAction" }, 400);
}
