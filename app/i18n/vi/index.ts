import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { email } from "./email";

/** The Vietnamese catalogue: the reference every other language must match key for key. */
export const vi = { ...common, ...auth, ...admin, ...email };
