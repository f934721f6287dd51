import { ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";

const LABELS = { subject: "Sujet", body: "Message", replyTo: "Adresse pour vous répondre (facultative)" };

export function ContactPage(props: { ctx: PageContext; form: FormState; csrf: string; stamp: string; sent: boolean }) {
  return (
    <Layout ctx={props.ctx} title="Écrire à l'équipe" current="about">
      <div class="wrap narrow" lang="fr">
        <h1>Écrire à l'équipe</h1>
        {props.sent ? (
          <p class="flash" role="status">
            Merci, votre message est arrivé. L'équipe le lira dans les prochains jours.
          </p>
        ) : (
          <>
            <p>Une idée, une question, une remarque sur un texte ? Écrivez-nous. L'équipe n'est pas un service d'urgence : en cas de danger, appelez le 3114 ou le 15.</p>
            <ErrorSummary form={props.form} labels={LABELS} />
            <Form action="/contact" csrf={props.csrf}>
              <input type="hidden" name="stamp" value={props.stamp} />
              {/* Left empty by people (it is hidden from them and from screen readers); robots fill it. */}
              <div class="trap" aria-hidden="true">
                <label for="champ-site">Ne pas remplir</label>
                <input id="champ-site" name="site" type="text" tabindex={-1} autocomplete="off" value="" />
              </div>
              <TextField form={props.form} name="subject" label={LABELS.subject} required maxLength={200} />
              <TextArea form={props.form} name="body" label={LABELS.body} rows={8} required maxLength={10_000} />
              <TextField
                form={props.form}
                name="replyTo"
                label={LABELS.replyTo}
                type="email"
                autocomplete="email"
                hint="Seule l'équipe la voit, pour vous répondre ; le message est effacé au plus tard un an après."
              />
              <button type="submit">Envoyer</button>
            </Form>
          </>
        )}
      </div>
    </Layout>
  );
}

export function ContactInbox(props: { messages: Array<{ id: number; subject: string; body: string; replyTo: string; when: string }> }) {
  return (
    <>
      <h1>Messages reçus</h1>
      {props.messages.length === 0 ? (
        <p>Aucun message.</p>
      ) : (
        <ol class="messages">
          {props.messages.map((m) => (
            <li key={m.id}>
              <h2>{m.subject}</h2>
              <p class="hint">
                {m.when} · {m.replyTo}
              </p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
