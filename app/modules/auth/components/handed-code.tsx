import { Notice } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";

/** A reset code issued to hand over in person: shown this once, big enough to read out. */
export function HandedCode({ name, code }: { name: string; code: string }) {
  const t = useT();
  return (
    <Notice>
      {t("groups.accounts.codeFor", { name })} <strong className="one-time-code">{code}</strong> {t("groups.accounts.codeHowTo")}
    </Notice>
  );
}
