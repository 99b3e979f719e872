import { consentPurposes } from "../../../db/schema/enums";

// Safe on the client: the words of the consent ledger, shared by its forms (modules/privacy) and
// by the modules that ask it before they process anything (notices, outcomes).

export type ConsentPurpose = (typeof consentPurposes)[number];

/** How consent is given in the field; "online" is the person herself, on Gieo. */
export const fieldConsentWays = ["signed", "oral_witnessed"] as const;
export type ConsentWay = (typeof fieldConsentWays)[number] | "online";

/** Today's date in Viet Nam (UTC+7, no summer time), as consents are dated. */
export function todayVn(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
