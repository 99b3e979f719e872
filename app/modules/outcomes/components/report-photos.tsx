import { FileField } from "../../../components/ui/file-field";
import { Form } from "../../../components/ui/form";
import { useState, type MouseEvent } from "react";
import { useT } from "../../../i18n/use-t";
import { MAX_PHOTO_BYTES } from "../outcomes.schema";
import { REPORT_FORM_ID } from "./report-form";

interface Photo {
  id: string;
  originalName: string;
}

/** The report's photos as links; with `editable`, a remove button each and the upload form. */
export function ReportPhotos({ reportId, photos, editable, error }: { reportId: string; photos: readonly Photo[]; editable: boolean; error?: string }) {
  const t = useT();
  // With JavaScript, a photo that is too big is refused before minutes of upload on 3G.
  const [tooBig, setTooBig] = useState(false);
  const fileError = tooBig ? "errors.fileTooLarge" : error;

  function checkSize(event: MouseEvent<HTMLButtonElement>) {
    const input = event.currentTarget.form?.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (file && file.size > MAX_PHOTO_BYTES) {
      event.preventDefault();
      setTooBig(true);
    } else setTooBig(false);
  }

  return (
    <section>
      <h2>{t("outcomes.photos.heading")}</h2>
      {photos.length === 0 ? <p>{t("outcomes.photos.none")}</p> : null}
      <ul>
        {photos.map((photo) => (
          <li key={photo.id}>
            <a href={`/reports/${reportId}/photos/${photo.id}`}>{photo.originalName}</a>
            {editable ? (
              <Form method="post" className="inline-form">
                <button type="submit" name="intent" value={`remove-photo:${photo.id}`} className="secondary">
                  {t("outcomes.photos.remove", { name: photo.originalName })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="stack">
          <FileField label={t("outcomes.photos.add")} hint={t("outcomes.photos.hint")} accept="image/jpeg,image/png,image/webp" error={fileError} form={REPORT_FORM_ID} />
          <div>
            <button type="submit" form={REPORT_FORM_ID} formEncType="multipart/form-data" name="intent" value="upload" onClick={checkSize}>
              {t("outcomes.photos.upload")}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
