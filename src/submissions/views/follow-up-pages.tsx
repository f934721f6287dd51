import { ChoiceGroup, ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";
import { CHANNEL_LABELS, CONSENT_CHANNELS, type ConsentChannel } from "../submission.js";
import type { AudioView } from "../contribution-audio.present.js";
import { AudioFollowUp } from "./audio-follow-up.js";
import { CrisisNotice } from "./contribution-pages.js";

export function FollowUpLoginPage(props: { ctx: PageContext; form: FormState; csrf: string; notice?: string }) {
  return (
    <Layout ctx={props.ctx} title="Suivre ma contribution" current="contribute" noindex>
      <div class="wrap narrow" lang="fr">
        <h1>Suivre ma contribution</h1>
        {props.notice && (
          <p class="flash" role="status">
            {props.notice}
          </p>
        )}
        <p>Tapez le reçu reçu à l'envoi de votre témoignage. Les tirets, espaces et majuscules n'ont pas d'importance.</p>
        <ErrorSummary form={props.form} labels={{ receipt: "Reçu" }} />
        <Form action="/suivi" csrf={props.csrf}>
          <TextField form={props.form} name="receipt" label="Reçu" autocomplete="off" maxLength={100} required hint="Par exemple : 7K3M-Q9TZ-2XWD-HB4R-NC8P" />
          <button type="submit">Ouvrir</button>
        </Form>
        <p class="hint">Reçu perdu ? Par sécurité, personne ne peut le retrouver, pas même l'équipe. Vous pouvez écrire à l'équipe pour lui expliquer la situation.</p>
      </div>
    </Layout>
  );
}

export type FollowUpView = {
  stateLabel: string;
  state: string;
  title: string;
  bodyHtml: string;
  credit: string;
  isOpen: boolean;
  isDraft: boolean;
  isAnonymous: boolean;
  messages: Array<{ from: string; when: string; body: string }>;
  consents: Array<{ when: string; what: string }>;
  hasCrisisSignal: boolean;
  pending: { versionId: number; title: string; bodyHtml: string; diff: Array<{ value: string; added?: boolean; removed?: boolean }> } | null;
};

export function FollowUpPage(props: { ctx: PageContext; view: FollowUpView; form: FormState; draftForm: FormState; csrf: string; flash?: string; audio?: AudioView | null }) {
  const { view, audio } = props;
  return (
    <Layout ctx={props.ctx} title="Ma contribution" current="contribute" noindex>
      <div class="wrap narrow" lang="fr">
        <h1>Ma contribution</h1>
        {props.flash && (
          <p class="flash" role="status">
            {props.flash}
          </p>
        )}
        {view.hasCrisisSignal && <CrisisNotice />}
        <dl class="facts">
          <dt>État</dt>
          <dd>
            <strong>{view.stateLabel}</strong>
          </dd>
          <dt>Titre</dt>
          <dd>{view.title || "Sans titre"}</dd>
          <dt>Crédit choisi</dt>
          <dd>{view.credit}</dd>
        </dl>
        {audio && <AudioFollowUp ctx={props.ctx} csrf={props.csrf} audio={audio} isDraft={view.isDraft} isAnonymous={view.isAnonymous} />}
        {view.isDraft && (!audio || audio.state === "ready") && (
          <section aria-labelledby="envoyer-titre" class="panel">
            <h2 id="envoyer-titre">Envoyer mon brouillon</h2>
            <Form action="/suivi/envoyer" csrf={props.csrf}>
              <ChoiceGroup
                form={props.draftForm}
                name="channels"
                label="Où acceptez-vous qu'il soit publié, une fois la version finale approuvée par vous ?"
                type="checkbox"
                options={CONSENT_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c as ConsentChannel] }))}
              />
              <button type="submit">Envoyer à l'équipe</button>
            </Form>
          </section>
        )}
        {view.pending && (
          <section aria-labelledby="accord-titre" class="panel">
            <h2 id="accord-titre">La version préparée par l'équipe attend votre accord</h2>
            <p>Rien ne sera publié sans votre accord sur cette version précise. Vous pouvez aussi demander des changements en écrivant à l'équipe plus bas.</p>
            <h3>{view.pending.title}</h3>
            <div class="prose" dangerouslySetInnerHTML={{ __html: view.pending.bodyHtml }} />
            <h3>Ce qui a changé par rapport à votre texte</h3>
            <p class="hint">Le texte ajouté est souligné, le texte retiré est barré.</p>
            <p class="diff-text">
              {view.pending.diff.map((p, i) =>
                p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>,
              )}
            </p>
            <Form action="/suivi/approuver" csrf={props.csrf}>
              <input type="hidden" name="versionId" value={String(view.pending.versionId)} />
              <button type="submit">J'approuve cette version (bon à tirer)</button>
            </Form>
          </section>
        )}
        <section aria-labelledby="texte-titre">
          <h2 id="texte-titre">Mon texte</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
        </section>
        <section aria-labelledby="echanges-titre">
          <h2 id="echanges-titre">Échanges avec l'équipe</h2>
          {view.messages.length === 0 ? (
            <p>Aucun message pour l'instant.</p>
          ) : (
            <ol class="messages">
              {view.messages.map((m) => (
                <li key={`${m.when}-${m.from}`}>
                  <p class="hint">
                    {m.from}, {m.when}
                  </p>
                  <p class="message-body">{m.body}</p>
                </li>
              ))}
            </ol>
          )}
          {view.isOpen && !view.isDraft && (
            <>
              <ErrorSummary form={props.form} labels={{ body: "Message" }} />
              <Form action="/suivi/message" csrf={props.csrf}>
                <TextArea form={props.form} name="body" label="Écrire à l'équipe" rows={5} maxLength={10_000} required />
                <button type="submit">Envoyer le message</button>
              </Form>
            </>
          )}
        </section>
        <section aria-labelledby="accords-titre">
          <h2 id="accords-titre">Mes accords</h2>
          <ul>
            {view.consents.map((c) => (
              <li key={`${c.when}-${c.what}`}>
                {c.when} : {c.what}
              </li>
            ))}
          </ul>
          <p>
            <a href="/suivi/accords.json" download="mes-accords-entre-pairs.json">
              Télécharger l'historique de mes accords
            </a>
          </p>
        </section>
        <section aria-labelledby="choix-titre">
          <h2 id="choix-titre">Changer d'avis</h2>
          <ul class="choices-list">
            {!view.isAnonymous && (
              <li>
                <a href="/suivi/anonymiser">Devenir anonyme</a> : votre nom ou pseudonyme disparaît partout, et l'équipe retire les détails qui pourraient vous faire reconnaître.
              </li>
            )}
            {view.isOpen && (
              <li>
                <a href="/suivi/retirer">Retirer mon témoignage</a> : il ne sera ni lu ni publié, et s'il est en ligne il disparaît aussitôt.
              </li>
            )}
            <li>
              <a href="/suivi/effacer">Tout effacer</a> : le texte, les messages et ce reçu, définitivement.
            </li>
          </ul>
          <Form action="/suivi/fermer" csrf={props.csrf}>
            <button type="submit" class="secondary">
              Fermer ma session de suivi
            </button>
          </Form>
        </section>
      </div>
    </Layout>
  );
}

const CONFIRM_TEXT = {
  withdraw: { title: "Retirer mon témoignage", question: "Retirer mon témoignage ?", action: "/suivi/retirer", button: "Oui, retirer mon témoignage" },
  erase: { title: "Tout effacer", question: "Tout effacer ?", action: "/suivi/effacer", button: "Oui, tout effacer" },
  anonymise: { title: "Devenir anonyme", question: "Apparaître comme « Anonyme » ?", action: "/suivi/anonymiser", button: "Oui, me rendre anonyme" },
};

export function ConfirmPage(props: { ctx: PageContext; csrf: string; kind: "withdraw" | "erase" | "anonymise" }) {
  const text = CONFIRM_TEXT[props.kind];
  return (
    <Layout ctx={props.ctx} title={text.title} current="contribute" noindex>
      <div class="wrap narrow" lang="fr">
        <h1>{text.question}</h1>
        {props.kind === "anonymise" ? (
          <ul>
            <li>Votre nom ou pseudonyme disparaît : le témoignage est signé « Anonyme », sur le site aussi s'il est publié, dès maintenant.</li>
            <li>L'équipe retire du texte les détails qui pourraient vous faire reconnaître (lieux, dates, noms), puis vous envoie la nouvelle version pour accord.</li>
          </ul>
        ) : props.kind === "withdraw" ? (
          <ul>
            <li>L'équipe ne lira plus votre texte et ne le publiera pas.</li>
            <li>S'il est déjà publié, il disparaît du site, des listes et des flux dès maintenant.</li>
            <li>Votre reçu reste valable : vous pourrez encore lire vos échanges ou tout effacer.</li>
            <li>Le texte est effacé automatiquement après 90 jours.</li>
          </ul>
        ) : (
          <ul>
            <li>Votre texte, vos messages, l'historique de vos accords et votre reçu sont effacés tout de suite.</li>
            <li>C'est définitif : personne, pas même l'équipe, ne pourra les retrouver.</li>
          </ul>
        )}
        <Form action={text.action} csrf={props.csrf}>
          <button type="submit" class="danger">
            {text.button}
          </button>{" "}
          <a href="/suivi/contribution">Non, revenir</a>
        </Form>
      </div>
    </Layout>
  );
}

export function ErasedPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Contribution effacée" current="contribute" noindex>
      <div class="wrap narrow" lang="fr">
        <h1>C'est effacé</h1>
        <p>Votre contribution, vos messages et votre reçu n'existent plus chez nous. Merci de nous avoir fait confiance.</p>
        <p>
          <a href="/">Revenir à l'accueil</a>
        </p>
      </div>
    </Layout>
  );
}
