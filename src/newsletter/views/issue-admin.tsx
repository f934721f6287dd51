import { ChoiceGroup, ErrorSummary, Form, FormLanguage, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { MessageKey, Translate } from "../../platform/i18n/translate.js";

export type IssueRow = { id: number; subject: string; state: string; when: string; scheduledFor: string | null };
export type StoryChoice = { value: string; label: string };

const STATE_KEYS: Record<string, MessageKey> = { draft: "admin.newsletter.state.draft", sending: "admin.newsletter.state.sending", sent: "admin.newsletter.state.sent" };
const stateLabel = (t: Translate, state: string) => (STATE_KEYS[state] ? t(STATE_KEYS[state] as MessageKey) : state);

// Each page provides its translator to the form furniture, so error summaries and messages (catalogue keys) follow its language.
export function IssueList(props: { t: Translate; issues: IssueRow[]; form: FormState; csrf: string; stories: StoryChoice[] }) {
  const { t } = props;
  const labels = { subject: t("admin.newsletter.field.subject"), intro: t("admin.newsletter.field.intro"), storyIds: t("admin.newsletter.field.storyIds") };
  return (
    <FormLanguage.Provider value={t}>
      <h1>{t("admin.newsletter.title")}</h1>
      {props.issues.length === 0 ? (
        <p>{t("admin.newsletter.none")}</p>
      ) : (
        <ul>
          {props.issues.map((i) => (
            <li key={i.id}>
              <a href={`/admin/lettres/${i.id}`}>{i.subject}</a> (
              {i.state === "draft" && i.scheduledFor ? t("admin.newsletter.scheduledFor", { when: i.scheduledFor }) : t("admin.newsletter.stateWhen", { state: stateLabel(t, i.state), when: i.when })})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/lettres/resume">{t("admin.newsletter.digestLink")}</a>
      </p>
      <h2>{t("admin.newsletter.compose")}</h2>
      <p>{t("admin.newsletter.composeIntro")}</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action="/admin/lettres" csrf={props.csrf}>
        <TextField form={props.form} name="subject" label={labels.subject} required maxLength={200} />
        <TextArea form={props.form} name="intro" label={labels.intro} hint={t("admin.newsletter.hint.intro")} rows={6} maxLength={10_000} />
        <ChoiceGroup form={props.form} name="storyIds" label={labels.storyIds} type="checkbox" options={props.stories} />
        <button type="submit">{t("admin.newsletter.saveDraft")}</button>
      </Form>
    </FormLanguage.Provider>
  );
}

export function IssueDetail(props: {
  t: Translate;
  id: number;
  subject: string;
  state: string;
  /** "12 décembre 2026 à 09:00" in Paris time, when the draft is scheduled. */
  scheduledFor: string | null;
  stories: string[];
  deliveries: number;
  csrf: string;
  scheduleForm: FormState;
}) {
  const { t } = props;
  const labels = { sendAt: t("admin.newsletter.field.sendAt") };
  const schedule = props.state === "draft" && props.scheduledFor ? t("admin.newsletter.scheduleSuffix", { when: props.scheduledFor }) : "";
  return (
    <FormLanguage.Provider value={t}>
      <h1>{props.subject}</h1>
      <p>
        {t("admin.newsletter.stateLine", { state: stateLabel(t, props.state), schedule })} {t("admin.newsletter.recipients", { count: props.deliveries })}
      </p>
      <h2>{t("admin.newsletter.stories")}</h2>
      <p>{t("admin.newsletter.storiesReread")}</p>
      {props.stories.length === 0 ? <p>{t("admin.newsletter.noStory")}</p> : <ol>{props.stories.map((s) => <li key={s}>{s}</li>)}</ol>}
      <p>
        <a href={`/admin/lettres/${props.id}/apercu`}>{t("admin.newsletter.preview")}</a>
      </p>
      <Form action={`/admin/lettres/${props.id}/essai`} csrf={props.csrf}>
        <button type="submit">{t("admin.newsletter.sendTest")}</button>
      </Form>
      {props.state === "draft" && (
        <>
          <h2>{t("admin.newsletter.sending")}</h2>
          {props.scheduledFor ? (
            <Form action={`/admin/lettres/${props.id}/deprogrammer`} csrf={props.csrf}>
              <button type="submit">{t("admin.newsletter.cancelSchedule")}</button>
            </Form>
          ) : (
            <>
              <ErrorSummary form={props.scheduleForm} labels={labels} />
              <Form action={`/admin/lettres/${props.id}/programmer`} csrf={props.csrf}>
                <TextField form={props.scheduleForm} name="sendAt" label={labels.sendAt} type="datetime-local" required />
                <button type="submit">{t("admin.newsletter.schedule")}</button>
              </Form>
            </>
          )}
          <Form action={`/admin/lettres/${props.id}/envoyer`} csrf={props.csrf}>
            <button type="submit">{t("admin.newsletter.sendNow")}</button>
          </Form>
        </>
      )}
    </FormLanguage.Provider>
  );
}

const WEEKDAY_KEYS: MessageKey[] = ["admin.newsletter.day.1", "admin.newsletter.day.2", "admin.newsletter.day.3", "admin.newsletter.day.4", "admin.newsletter.day.5", "admin.newsletter.day.6", "admin.newsletter.day.7"];
const DIGEST_COMMAND = "entrepairs newsletter send-digest";

/** The weekly digest's settings: on or off, the day and the hour (Paris time). */
export function DigestSettingsForm(props: { t: Translate; form: FormState; csrf: string; lastPeriods: Array<{ period: string; issueId: number | null }> }) {
  const { t } = props;
  const labels = { enabled: t("admin.newsletter.digest.enabled"), weekday: t("admin.newsletter.digest.weekday"), hour: t("admin.newsletter.digest.hour") };
  const [beforeCommand, afterCommand] = t("admin.newsletter.digest.intro", { command: "\u0000" }).split("\u0000");
  return (
    <FormLanguage.Provider value={t}>
      <h1>{t("admin.newsletter.digest.title")}</h1>
      <p>
        {beforeCommand}
        <code>{DIGEST_COMMAND}</code>
        {afterCommand}
      </p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action="/admin/lettres/resume" csrf={props.csrf}>
        <ChoiceGroup form={props.form} name="enabled" label={labels.enabled} type="checkbox" options={[{ value: "1", label: t("admin.newsletter.digest.enabledOption") }]} />
        <SelectField form={props.form} name="weekday" label={labels.weekday} options={WEEKDAY_KEYS.map((key, i) => ({ value: String(i + 1), label: t(key) }))} />
        <SelectField form={props.form} name="hour" label={labels.hour} options={Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: t("admin.newsletter.digest.hourValue", { hour: String(hour) }) }))} />
        <button type="submit">{t("admin.newsletter.digest.save")}</button>
      </Form>
      <h2>{t("admin.newsletter.digest.last")}</h2>
      {props.lastPeriods.length === 0 ? (
        <p>{t("admin.newsletter.digest.none")}</p>
      ) : (
        <ul>
          {props.lastPeriods.map((p) => (
            <li key={p.period}>
              {t("admin.newsletter.digest.week", { period: p.period })}
              {p.issueId === null ? t("admin.newsletter.digest.nothing") : <a href={`/admin/lettres/${p.issueId}`}>{t("admin.newsletter.digest.sent")}</a>}
            </li>
          ))}
        </ul>
      )}
    </FormLanguage.Provider>
  );
}
