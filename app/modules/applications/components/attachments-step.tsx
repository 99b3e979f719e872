import { FileField } from "../../../components/ui/file-field";
import { Form } from "../../../components/ui/form";
import { useState, type FormEvent } from "react";
import { FormError } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";
import { attachmentKinds, MAX_ATTACHMENT_BYTES } from "../fields-meta";
import type { WizardPage } from "../wizard.server";
import { Select } from "./fields";
import { fileSize } from "./file-size";

export function AttachmentsStep({ page, errors }: { page: WizardPage; errors?: Record<string, string> }) {
  const t = useT();
  // With JavaScript, a file that is too big is refused before minutes of upload on 3G.
  const [tooBig, setTooBig] = useState(false);
  const locked = page.application.status === "clarification_requested" && !page.application.reopenedFields.includes("attachments");
  const fileError = tooBig ? "errors.fileTooLarge" : errors?.file;

  function checkSize(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (file && file.size > MAX_ATTACHMENT_BYTES) {
      event.preventDefault();
      setTooBig(true);
    } else setTooBig(false);
  }

  return (
    <>
      <p>{t("applications.attachments.intro")}</p>
      <FormError error={errors?.[""]} />
      {page.attachments.length === 0 ? <p>{t("applications.attachments.none")}</p> : null}
      <ul>
        {page.attachments.map((file) => (
          <li key={file.id} className="card">
            <a href={`/applications/${page.application.id}/attachments/${file.id}`} download>
              {file.originalName}
            </a>{" "}
            <span className="muted">
              ({t.dynamic(`applications.kind.${file.kind}`)}, {fileSize(file.size, t.locale)})
            </span>
            {locked ? null : (
              <Form method="post">
                <button type="submit" name="intent" value={`remove-attachment:${file.id}`} className="secondary">
                  {t("applications.attachments.remove", { name: file.originalName })}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {locked ? null : (
        <Form method="post" encType="multipart/form-data" className="stack" onSubmit={checkSize}>
          <h2>{t("applications.attachments.add")}</h2>
          <Select
            name="kind"
            label={t("applications.field.kind")}
            defaultValue="photo"
            error={errors?.kind}
          >
            {attachmentKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t.dynamic(`applications.kind.${kind}`)}
              </option>
            ))}
          </Select>
          <FileField label={t("applications.field.file")} hint={t("applications.hint.file")} accept="image/jpeg,image/png,image/webp,application/pdf" error={fileError} />
          <div>
            <button type="submit" name="intent" value="upload">
              {t("applications.attachments.upload")}
            </button>
          </div>
        </Form>
      )}
      <Form method="post" className="inline-form">
        <button type="submit" name="intent" value="next">
          {t("applications.wizard.onward")}
        </button>
        <button type="submit" name="intent" value="back" className="secondary">
          {t("applications.wizard.backward")}
        </button>
      </Form>
    </>
  );
}
