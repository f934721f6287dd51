import { ErrorSummary, Form, SelectField, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { localeOptions } from "./users-pages.js";

export function SignInPage(props: { t: Translate; form: FormState; csrf: string; notice?: string; returnTo: string }) {
  const { t } = props;
  const labels = { email: t("admin.accounts.field.email"), password: t("admin.accounts.field.password") };
  return (
    <div class="narrow">
      <h1>{t("admin.accounts.signIn.heading")}</h1>
      {props.notice && (
        <p class="callout" role="status">
          {props.notice}
        </p>
      )}
      <ErrorSummary form={props.form} labels={labels} />
      <Form action="/admin/connexion" csrf={props.csrf}>
        <input type="hidden" name="retour" value={props.returnTo} />
        <TextField form={props.form} name="email" label={labels.email} type="email" autocomplete="username" required />
        <TextField form={props.form} name="password" label={labels.password} type="password" autocomplete="current-password" value="" required />
        <button type="submit">{t("admin.accounts.signIn.submit")}</button>
      </Form>
      <p>
        <a href="/admin/mot-de-passe-oublie">{t("admin.accounts.signIn.forgot")}</a>
      </p>
      <p class="hint">
        {t("admin.accounts.signIn.noAccountNeeded")} <a href="/temoigner">{t("admin.accounts.signIn.contributeLink")}</a>.
      </p>
    </div>
  );
}

export function ForgotPasswordPage(props: { t: Translate; form: FormState; csrf: string; sent: boolean }) {
  const { t } = props;
  const email = t("admin.accounts.field.email");
  return (
    <div class="narrow">
      <h1>{t("admin.accounts.forgot.title")}</h1>
      {props.sent ? (
        <p class="callout" role="status">
          {t("admin.accounts.forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("admin.accounts.forgot.intro")}</p>
          <ErrorSummary form={props.form} labels={{ email }} />
          <Form action="/admin/mot-de-passe-oublie" csrf={props.csrf}>
            <TextField form={props.form} name="email" label={email} type="email" autocomplete="username" required />
            <button type="submit">{t("admin.accounts.forgot.submit")}</button>
          </Form>
        </>
      )}
      <p>
        <a href="/admin/connexion">{t("admin.accounts.forgot.back")}</a>
      </p>
    </div>
  );
}

/** A new password typed twice; never re-displayed after an error. */
function NewPasswordFields(props: { t: Translate; form: FormState; labels: { password: string; confirmation: string } }) {
  return (
    <>
      <TextField
        form={props.form}
        name="password"
        label={props.labels.password}
        type="password"
        autocomplete="new-password"
        hint={props.t("admin.accounts.passwordHint")}
        value=""
        required
      />
      <TextField form={props.form} name="confirmation" label={props.labels.confirmation} type="password" autocomplete="new-password" value="" required />
    </>
  );
}

export function NewPasswordPage(props: { t: Translate; form: FormState; csrf: string; action: string; usable: boolean }) {
  const { t } = props;
  if (!props.usable) {
    return (
      <div class="narrow">
        <h1>{t("admin.accounts.reset.expired")}</h1>
        <p>{t("admin.accounts.reset.expiredText")}</p>
        <p>
          <a href="/admin/mot-de-passe-oublie">{t("admin.accounts.reset.askAgain")}</a>
        </p>
      </div>
    );
  }
  const labels = { password: t("admin.accounts.field.newPassword"), confirmation: t("admin.accounts.field.confirmation") };
  return (
    <div class="narrow">
      <h1>{t("admin.accounts.reset.title")}</h1>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.action} csrf={props.csrf}>
        <NewPasswordFields t={t} form={props.form} labels={labels} />
        <button type="submit">{t("admin.accounts.reset.submit")}</button>
      </Form>
    </div>
  );
}

export function SetupPage(props: { t: Translate; form: FormState; csrf: string; action: string; usable: boolean }) {
  const { t } = props;
  if (!props.usable) {
    return (
      <div class="narrow">
        <h1>{t("admin.accounts.setup.expired")}</h1>
        <p>
          {t("admin.accounts.setup.expiredText")} <code>npx entrepairs create-admin --email …</code>.
        </p>
      </div>
    );
  }
  const labels = {
    email: t("admin.accounts.field.email"),
    displayName: t("admin.accounts.field.displayName"),
    password: t("admin.accounts.field.password"),
    confirmation: t("admin.accounts.field.confirmation"),
  };
  return (
    <div class="narrow">
      <h1>{t("admin.accounts.setup.heading")}</h1>
      <p>{t("admin.accounts.setup.intro")}</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.action} csrf={props.csrf}>
        <TextField form={props.form} name="email" label={labels.email} type="email" autocomplete="username" required />
        <TextField form={props.form} name="displayName" label={labels.displayName} autocomplete="name" required />
        <NewPasswordFields t={t} form={props.form} labels={labels} />
        <button type="submit">{t("admin.accounts.setup.submit")}</button>
      </Form>
    </div>
  );
}

export function MyAccountPage(props: { t: Translate; csrf: string; displayName: string; email: string; role: string; localeForm: FormState }) {
  const { t } = props;
  const localeLabels = { locale: t("admin.accounts.field.locale") };
  return (
    <div class="narrow">
      <h1>{t("admin.accounts.nav.account")}</h1>
      <dl class="facts">
        <dt>{t("admin.accounts.field.displayName")}</dt>
        <dd>{props.displayName}</dd>
        <dt>{t("admin.accounts.mine.address")}</dt>
        <dd>{props.email}</dd>
        <dt>{t("admin.accounts.field.role")}</dt>
        <dd>{props.role}</dd>
      </dl>
      <h2 id="langue">{localeLabels.locale}</h2>
      <ErrorSummary form={props.localeForm} labels={localeLabels} />
      <Form action="/admin/compte/langue" csrf={props.csrf}>
        <SelectField form={props.localeForm} name="locale" label={localeLabels.locale} hint={t("admin.accounts.field.localeHint")} options={localeOptions(t)} />
        <button type="submit">{t("admin.accounts.mine.localeSave")}</button>
      </Form>
      <h2>{t("admin.accounts.mine.security")}</h2>
      <p>
        {t("admin.accounts.mine.changePassword")} <a href="/admin/mot-de-passe-oublie">{t("admin.accounts.mine.forgotLink")}</a>.
      </p>
      <Form action="/admin/deconnexion-partout" csrf={props.csrf}>
        <p>{t("admin.accounts.mine.everywhereText")}</p>
        <button type="submit" class="secondary">
          {t("admin.accounts.mine.everywhere")}
        </button>
      </Form>
    </div>
  );
}
