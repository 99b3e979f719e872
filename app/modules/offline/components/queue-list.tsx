import { useEffect, useState } from "react";
import { formatDateTime } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { StatusBadge } from "../../../components/ui/status-badge";
import type { QueueItem } from "../paths";
import { listQueue } from "../queue-store";

// The forms kept on this phone (DECISIONS.md 54), read from the worker's IndexedDB queue: what,
// from which page, when, its state and the server's answer. A refused form keeps its data and is
// opened here, corrected and sent again; nothing is ever dropped without her say.

const TONE = { waiting: "waiting", sending: "waiting", sent: "good", refused: "bad" } as const;

function post(message: unknown) {
  void navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage(message));
}

export function QueueList() {
  const t = useT();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  useEffect(() => {
    const refresh = () => void listQueue().then(setItems, () => setItems([]));
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === "queue-changed") refresh();
    };
    refresh();
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => navigator.serviceWorker?.removeEventListener("message", onMessage);
  }, []);

  if (items === null) return null;
  if (items.length === 0) return <p className="queue-empty">{t("offline.empty")}</p>;
  const pending = items.some((i) => i.state === "waiting");
  return (
    <>
      {pending ? (
        <p>
          <button type="button" onClick={() => post({ type: "replay" })}>
            {t("offline.sendNow")}
          </button>
        </p>
      ) : null}
      <ol className="queue-list">
        {items.map((item) => (
          <li key={item.id} className="queue-item" data-state={item.state} data-key={item.key}>
            <p>
              <strong>{t(`offline.kind.${item.kind}`)}</strong> · {item.title} · <StatusBadge tone={TONE[item.state]}>{t(`offline.state.${item.state}`)}</StatusBadge>
            </p>
            <p className="meta">
              {t("offline.col.when")}: {formatDateTime(item.queuedAt, t.locale)}
              {item.answer && item.state === "sent" && item.answer.location ? (
                <>
                  {" · "}
                  {t("offline.col.answer")}: <a href={item.answer.location}>{item.answer.location}</a>
                </>
              ) : null}
            </p>
            {item.state === "refused" ? <Refused item={item} /> : null}
            {item.state === "sent" || item.state === "refused" ? (
              <button type="button" className="link-button" onClick={() => post({ type: "forget", id: item.id })}>
                {t("offline.forget")}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function Refused({ item }: { item: QueueItem }) {
  const t = useT();
  const [fields, setFields] = useState(item.fields);
  return (
    <div className="queue-refused">
      <p role="alert" className="alert alert-error">
        {item.answer?.message || t("offline.refusedIntro")}
      </p>
      <details>
        <summary>{t("offline.open")}</summary>
        <p>{t("offline.refusedIntro")}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            post({ type: "resend", id: item.id, fields: fields.filter(([, value]) => !value.startsWith("📎 ")) });
          }}
        >
          {fields.map(([name, value], index) =>
            value.startsWith("📎 ") ? (
              <p key={`${name}-${index}`}>
                {name}: {value}
              </p>
            ) : (
              <p key={`${name}-${index}`} className="field">
                <label htmlFor={`q${item.id}-${index}`}>{name}</label>
                <input
                  id={`q${item.id}-${index}`}
                  name={name}
                  value={value}
                  onChange={(event) => setFields(fields.map((f, i) => (i === index ? [name, event.target.value] : f)))}
                />
              </p>
            ),
          )}
          <button type="submit">{t("offline.resend")}</button>
        </form>
      </details>
    </div>
  );
}
