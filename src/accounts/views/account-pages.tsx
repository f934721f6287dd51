import { ErrorSummary, Form, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";

const SIGN_IN_LABELS = { email: "Adresse électronique", password: "Mot de passe" };

export function SignInPage(props: { form: FormState; csrf: string; notice?: string; returnTo: string }) {
  return (
    <div class="narrow">
      <h1>Connexion à l'espace éditorial</h1>
      {props.notice && (
        <p class="callout" role="status">
          {props.notice}
        </p>
      )}
      <ErrorSummary form={props.form} labels={SIGN_IN_LABELS} />
      <Form action="/admin/connexion" csrf={props.csrf}>
        <input type="hidden" name="retour" value={props.returnTo} />
        <TextField form={props.form} name="email" label={SIGN_IN_LABELS.email} type="email" autocomplete="username" required />
        <TextField
          form={props.form}
          name="password"
          label={SIGN_IN_LABELS.password}
          type="password"
          autocomplete="current-password"
          value=""
          required
        />
        <button type="submit">Se connecter</button>
      </Form>
      <p>
        <a href="/admin/mot-de-passe-oublie">Mot de passe oublié ?</a>
      </p>
      <p class="hint">
        Cet espace sert à l'équipe éditoriale. Pour raconter votre histoire, vous n'avez pas besoin de compte : voyez la page{" "}
        <a href="/temoigner">Témoigner</a>.
      </p>
    </div>
  );
}

export function ForgotPasswordPage(props: { form: FormState; csrf: string; sent: boolean }) {
  return (
    <div class="narrow">
      <h1>Mot de passe oublié</h1>
      {props.sent ? (
        <p class="callout" role="status">
          Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien valable une heure.
          Pensez à regarder dans les indésirables.
        </p>
      ) : (
        <>
          <p>Indiquez l'adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
          <ErrorSummary form={props.form} labels={{ email: "Adresse électronique" }} />
          <Form action="/admin/mot-de-passe-oublie" csrf={props.csrf}>
            <TextField form={props.form} name="email" label="Adresse électronique" type="email" autocomplete="username" required />
            <button type="submit">Recevoir un lien</button>
          </Form>
        </>
      )}
      <p>
        <a href="/admin/connexion">Revenir à la connexion</a>
      </p>
    </div>
  );
}

const PASSWORD_HINT = "Au moins 12 caractères. Une phrase de quelques mots est facile à retenir et difficile à deviner.";

/** A new password typed twice; never re-displayed after an error. */
function NewPasswordFields(props: { form: FormState; labels: { password: string; confirmation: string } }) {
  return (
    <>
      <TextField
        form={props.form}
        name="password"
        label={props.labels.password}
        type="password"
        autocomplete="new-password"
        hint={PASSWORD_HINT}
        value=""
        required
      />
      <TextField
        form={props.form}
        name="confirmation"
        label={props.labels.confirmation}
        type="password"
        autocomplete="new-password"
        value=""
        required
      />
    </>
  );
}

export function NewPasswordPage(props: { form: FormState; csrf: string; action: string; usable: boolean }) {
  if (!props.usable) {
    return (
      <div class="narrow">
        <h1>Lien expiré ou déjà utilisé</h1>
        <p>Ce lien ne permet plus de choisir un mot de passe. Vous pouvez en demander un nouveau.</p>
        <p>
          <a href="/admin/mot-de-passe-oublie">Demander un nouveau lien</a>
        </p>
      </div>
    );
  }
  const labels = { password: "Nouveau mot de passe", confirmation: "Confirmation du mot de passe" };
  return (
    <div class="narrow">
      <h1>Choisir un mot de passe</h1>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.action} csrf={props.csrf}>
        <NewPasswordFields form={props.form} labels={labels} />
        <button type="submit">Enregistrer le mot de passe</button>
      </Form>
    </div>
  );
}

export function SetupPage(props: { form: FormState; csrf: string; action: string; usable: boolean }) {
  if (!props.usable) {
    return (
      <div class="narrow">
        <h1>Lien d'installation expiré</h1>
        <p>
          Ce lien a expiré, a déjà servi, ou un compte administrateur existe déjà. Relancez le serveur pour obtenir un
          nouveau lien, ou utilisez la commande <code>npx entrepairs create-admin --email …</code>.
        </p>
      </div>
    );
  }
  const labels = {
    email: "Adresse électronique",
    displayName: "Nom affiché",
    password: "Mot de passe",
    confirmation: "Confirmation du mot de passe",
  };
  return (
    <div class="narrow">
      <h1>Créer le premier compte administrateur</h1>
      <p>Ce compte pourra ensuite inviter l'équipe éditoriale. Ce lien ne sert qu'une fois.</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.action} csrf={props.csrf}>
        <TextField form={props.form} name="email" label={labels.email} type="email" autocomplete="username" required />
        <TextField form={props.form} name="displayName" label={labels.displayName} autocomplete="name" required />
        <NewPasswordFields form={props.form} labels={labels} />
        <button type="submit">Créer le compte</button>
      </Form>
    </div>
  );
}

export function MyAccountPage(props: { csrf: string; displayName: string; email: string; role: string }) {
  return (
    <div class="narrow">
      <h1>Mon compte</h1>
      <dl class="facts">
        <dt>Nom affiché</dt>
        <dd>{props.displayName}</dd>
        <dt>Adresse</dt>
        <dd>{props.email}</dd>
        <dt>Rôle</dt>
        <dd>{props.role}</dd>
      </dl>
      <h2>Sécurité</h2>
      <p>
        Pour changer de mot de passe, demandez un lien depuis la page <a href="/admin/mot-de-passe-oublie">Mot de passe oublié</a>.
      </p>
      <Form action="/admin/deconnexion-partout" csrf={props.csrf}>
        <p>Vous avez oublié de vous déconnecter sur un autre appareil ? Fermez toutes vos sessions, y compris celle-ci.</p>
        <button type="submit" class="secondary">
          Se déconnecter partout
        </button>
      </Form>
    </div>
  );
}
