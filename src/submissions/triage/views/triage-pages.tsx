import { ErrorSummary, Form, SelectField, TextArea } from "../../../platform/html/forms.js";
import type { FormState } from "../../../platform/http/form.js";
import type { Translate } from "../../../platform/i18n/translate.js";
import type { CrisisPassageView } from "../../../safety/crisis-signal.present.js";
import type { AudioView } from "../../audio/contribution-audio.present.js";
import { EDITOR_STATES, SUBMISSION_STATES } from "../../submission.js";
import { type ContributionView, stateLabel, type TriageRow } from "../triage.present.js";
import { AudioTriage } from "../../audio/views/audio-follow-up.js";

export function TriagePage(props: { rows: TriageRow[]; counts: Record<string, number>; state: string; t: Translate }) {
  const { t } = props;
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const crisis = props.rows.filter((r) => r.crisis).length;
  const unread = props.rows.filter((r) => r.hasNewMessage).length;
  return (
    <>
      <h1>{t("admin.contributions.title")}</h1>
      {crisis > 0 && (
        <p class="callout crisis-box" role="status">
          <strong>{t("admin.contributions.crisisCount", { count: crisis })}</strong> {t("admin.contributions.crisisFirst")}
        </p>
      )}
      {unread > 0 && <p class="callout">{t("admin.contributions.unreadCount", { count: unread })}</p>}
      <p class="hint">{t("admin.contributions.detectorHint")}</p>
      <nav aria-label={t("admin.contributions.statesLabel")} class="status-tabs">
        <ul>
          <li>
            <a href="/admin/contributions" aria-current={props.state === "" ? "page" : undefined}>
              {t("admin.contributions.all", { count: total })}
            </a>
          </li>
          {SUBMISSION_STATES.filter((state) => state !== "draft").map((state) => (
            <li key={state}>
              <a href={`/admin/contributions?etat=${state}`} aria-current={props.state === state ? "page" : undefined}>
                {stateLabel(t, state)} ({props.counts[state] ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p>{t("admin.contributions.none")}</p>
      ) : (
        <ContributionTable rows={props.rows} caption={t("admin.contributions.caption")} t={t} />
      )}
    </>
  );
}

/** Contributions in a table: what each is, where it stands, what answers it, who follows it. */
export function ContributionTable({ rows, caption, t }: { rows: TriageRow[]; caption: string; t: Translate }) {
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("admin.contributions.column.title")}</th>
          <th scope="col">{t("admin.contributions.column.state")}</th>
          <th scope="col">{t("admin.contributions.column.call")}</th>
          <th scope="col">{t("admin.contributions.column.received")}</th>
          <th scope="col">{t("admin.contributions.column.credit")}</th>
          <th scope="col">{t("admin.contributions.column.assignee")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} class={r.crisis ? "crisis-row" : undefined}>
            <td>
              {r.crisis && <strong class="badge crisis-badge">{t("admin.contributions.badge.crisis")}</strong>} <a href={`/admin/contributions/${r.id}`}>{r.title}</a>
              {r.hasNewMessage && <strong class="badge new-badge">{t("admin.contributions.badge.newMessage")}</strong>}
              {r.audio && <span class="badge">{t("admin.contributions.badge.audio")}</span>}
            </td>
            <td>{r.state}</td>
            <td>{r.call}</td>
            <td>{r.received}</td>
            <td>{r.credit}</td>
            <td>{r.assignee}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** On the back-office home, before anything else: what needs a person now. */
export function UrgentContributions({ rows, t }: { rows: TriageRow[]; t: Translate }) {
  return (
    <section aria-labelledby="urgent-titre">
      <h2 id="urgent-titre">{t("admin.contributions.urgent.title")}</h2>
      {rows.length === 0 ? (
        <p>{t("admin.contributions.urgent.none")}</p>
      ) : (
        <ContributionTable rows={rows} caption={t("admin.contributions.urgent.caption")} t={t} />
      )}
      <p>
        <a href="/admin/contributions">{t("admin.contributions.allLink")}</a>
      </p>
    </section>
  );
}

/** The passages that weighed in the detector's answer, the words that pushed them up marked. */
function CrisisPassages({ passages, t }: { passages: CrisisPassageView[]; t: Translate }) {
  if (passages.length === 0) return null;
  return (
    <>
      <p>{t("admin.contributions.passages.intro")}</p>
      <ul class="crisis-passages">
        {passages.map((p, i) => (
          <li key={`${p.source}-${i}`}>
            <span class="hint">{t("admin.contributions.passages.source", { source: p.source, score: p.score })}</span>{" "}
            <q lang="fr">{p.parts.map((part, k) => (part.cue ? <mark key={k}>{part.text}</mark> : part.text))}</q>
          </li>
        ))}
      </ul>
      <p class="hint">{t("admin.contributions.passages.caveat")}</p>
    </>
  );
}

export function ContributionAdminPage(props: {
  view: ContributionView;
  messageForm: FormState;
  noteForm: FormState;
  stateForm: FormState;
  csrf: string;
  audio?: AudioView | null;
  t: Translate;
}) {
  const { view, t } = props;
  const recipient = t(view.email ? "admin.contributions.message.hintEmail" : "admin.contributions.message.hintReceipt");
  return (
    <>
      <p>
        <a href="/admin/contributions">{t("admin.contributions.allLink")}</a>
      </p>
      <h1>{view.title}</h1>
      {view.crisis ? (
        <div class="callout crisis-box" role="note">
          <h2>{t("admin.contributions.crisis.title")}</h2>
          <p>{t("admin.contributions.crisis.text")}</p>
          <CrisisPassages passages={view.crisisPassages} t={t} />
        </div>
      ) : (
        <p class="callout">{t("admin.contributions.noCrisis")}</p>
      )}
      {view.anonymityRequested && (
        <div class="callout" role="note">
          <h2>{t("admin.contributions.anonymity.title")}</h2>
          <p>{t("admin.contributions.anonymity.text")}</p>
        </div>
      )}
      <dl class="facts">
        <dt>{t("admin.contributions.fact.state")}</dt>
        <dd>{view.stateLabel}</dd>
        <dt>{t("admin.contributions.fact.received")}</dt>
        <dd>{view.received}</dd>
        <dt>{t("admin.contributions.fact.call")}</dt>
        <dd>{view.call}</dd>
        <dt>{t("admin.contributions.fact.credit")}</dt>
        <dd>{view.credit}</dd>
        <dt>{t("admin.contributions.fact.email")}</dt>
        <dd>{view.email ?? t("admin.contributions.fact.noEmail")}</dd>
        <dt>{t("admin.contributions.fact.contentNotes")}</dt>
        <dd>{view.contentNotes || t("admin.contributions.fact.noContentNotes")}</dd>
        <dt>{t("admin.contributions.fact.assignee")}</dt>
        <dd>{view.assignee}</dd>
      </dl>
      <ErrorSummary form={props.stateForm} labels={{ state: t("admin.contributions.fact.state") }} />
      {view.canChangeState && (
        <div class="actions">
          {view.storyHref ? (
            <>
              <a class="button secondary" href={view.storyHref}>
                {t("admin.contributions.action.openStory")}
              </a>
              <Form action={`/admin/contributions/${view.id}/accord`} csrf={props.csrf}>
                <button type="submit">{t("admin.contributions.action.sendForApproval")}</button>
              </Form>
            </>
          ) : (
            <Form action={`/admin/contributions/${view.id}/brouillon`} csrf={props.csrf}>
              <button type="submit">{t("admin.contributions.action.createDraft")}</button>
            </Form>
          )}
          {!view.assignedToViewer && (
            <Form action={`/admin/contributions/${view.id}/attribuer`} csrf={props.csrf}>
              <button type="submit" class="secondary">
                {t("admin.contributions.action.take")}
              </button>
            </Form>
          )}
          <Form action={`/admin/contributions/${view.id}/etat`} csrf={props.csrf} class="inline-form">
            <SelectField
              form={{ values: { state: view.state }, errors: props.stateForm.errors }}
              name="state"
              label={t("admin.contributions.action.changeState")}
              options={EDITOR_STATES.map((state) => ({ value: state, label: stateLabel(t, state) }))}
            />
            <button type="submit">{t("admin.contributions.action.saveState")}</button>
          </Form>
        </div>
      )}
      {props.audio && <AudioTriage t={t} csrf={props.csrf} id={view.id} audio={props.audio} />}
      <section aria-labelledby="texte-titre">
        <h2 id="texte-titre">{t("admin.contributions.text.title")}</h2>
        <div class="prose" lang="fr" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
      </section>
      <section aria-labelledby="echanges-titre">
        <h2 id="echanges-titre">{t("admin.contributions.exchanges.title")}</h2>
        {view.messages.length === 0 ? (
          <p>{t("admin.contributions.exchanges.none")}</p>
        ) : (
          <ol class="messages">
            {view.messages.map((m) => (
              <li key={`${m.when}-${m.from}-${m.body.length}`} class={m.internal ? "internal" : undefined}>
                <p class="hint">
                  {m.isNew && (
                    <>
                      <strong class="badge new-badge">{t("admin.contributions.exchanges.new")}</strong>{" "}
                    </>
                  )}
                  {m.from}, {m.when}
                  {m.internal ? t("admin.contributions.exchanges.internal") : ""}
                  {m.crisis ? t("admin.contributions.exchanges.crisis") : ""}
                </p>
                <p class="message-body">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        {view.hasNewMessage && (
          <Form action={`/admin/contributions/${view.id}/lu`} csrf={props.csrf}>
            <input type="hidden" name="seenUpTo" value={String(view.seenUpTo)} />
            <button type="submit" class="secondary">
              {t("admin.contributions.exchanges.markRead")}
            </button>
          </Form>
        )}
        <div class="message-forms">
          <section aria-labelledby="ecrire-titre" class="panel">
            <h3 id="ecrire-titre">{t("admin.contributions.message.title")}</h3>
            <ErrorSummary form={props.messageForm} labels={{ message: t("admin.contributions.message.summaryLabel") }} />
            <Form action={`/admin/contributions/${view.id}/message`} csrf={props.csrf}>
              <input type="hidden" name="seenUpTo" value={String(view.seenUpTo)} />
              <TextArea form={props.messageForm} name="message" label={t("admin.contributions.message.label")} hint={recipient} rows={5} maxLength={10_000} required />
              <button type="submit">{t("admin.contributions.message.button")}</button>
            </Form>
          </section>
          <section aria-labelledby="note-titre" class="panel internal-note">
            <h3 id="note-titre">{t("admin.contributions.note.title")}</h3>
            <ErrorSummary form={props.noteForm} labels={{ note: t("admin.contributions.note.title") }} />
            <Form action={`/admin/contributions/${view.id}/note`} csrf={props.csrf}>
              <input type="hidden" name="seenUpTo" value={String(view.seenUpTo)} />
              <TextArea
                form={props.noteForm}
                name="note"
                label={t("admin.contributions.note.label")}
                hint={t("admin.contributions.note.hint")}
                rows={4}
                maxLength={10_000}
                required
              />
              <button type="submit" class="secondary">
                {t("admin.contributions.note.button")}
              </button>
            </Form>
          </section>
        </div>
      </section>
      <section aria-labelledby="accords-titre">
        <h2 id="accords-titre">{t("admin.contributions.consents.title")}</h2>
        <ul>
          {view.consents.map((c) => (
            <li key={`${c.when}-${c.what}`}>
              {t("followUp.consentLine", { when: c.when, what: c.what })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
