import { ChoiceGroup, ErrorSummary, Form, SelectField, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { ROLES } from "../../platform/http/access.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { LOCALES } from "../../platform/i18n/locale.js";
import { LOCALE_LABELS, ROLE_LABELS } from "../account.schemas.js";

export type UserListItem = { id: number; displayName: string; email: string; role: string; isDisabled: boolean };

const roleOptions = (t: Translate) => ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }));
export const localeOptions = (t: Translate) => LOCALES.map((l) => ({ value: l, label: t(LOCALE_LABELS[l]) }));

export function UsersPage(props: { t: Translate; users: UserListItem[]; form: FormState; csrf: string }) {
  const { t } = props;
  const labels = {
    email: t("admin.accounts.field.email"),
    displayName: t("admin.accounts.field.displayName"),
    role: t("admin.accounts.field.role"),
    locale: t("admin.accounts.field.locale"),
  };
  const roleName = (role: string) => (Object.hasOwn(ROLE_LABELS, role) ? t(ROLE_LABELS[role as keyof typeof ROLE_LABELS]) : role);
  return (
    <>
      <h1>{t("admin.accounts.users.heading")}</h1>
      <table class="data">
        <caption>{t("admin.accounts.users.count", { count: props.users.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.accounts.users.name")}</th>
            <th scope="col">{t("admin.accounts.users.address")}</th>
            <th scope="col">{t("admin.accounts.field.role")}</th>
            <th scope="col">{t("admin.accounts.users.state")}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={`/admin/utilisateurs/${u.id}`}>{u.displayName}</a>
              </td>
              <td>{u.email}</td>
              <td>{roleName(u.role)}</td>
              <td>{u.isDisabled ? t("admin.accounts.users.disabled") : t("admin.accounts.users.active")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="inviter">{t("admin.accounts.users.invite")}</h2>
      <p>{t("admin.accounts.users.inviteHint")}</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action="/admin/utilisateurs" csrf={props.csrf}>
        <TextField form={props.form} name="email" label={labels.email} type="email" required />
        <TextField form={props.form} name="displayName" label={labels.displayName} required />
        <SelectField form={props.form} name="role" label={labels.role} options={roleOptions(t)} />
        <SelectField form={props.form} name="locale" label={labels.locale} hint={t("admin.accounts.field.localeHint")} options={localeOptions(t)} />
        <button type="submit">{t("admin.accounts.users.inviteSubmit")}</button>
      </Form>
    </>
  );
}

export function UserEditPage(props: { t: Translate; user: UserListItem; form: FormState; csrf: string }) {
  const { t } = props;
  const labels = { displayName: t("admin.accounts.field.displayName"), role: t("admin.accounts.field.role"), isDisabled: t("admin.accounts.field.access") };
  return (
    <div class="narrow">
      <h1>{t("admin.accounts.user.heading", { name: props.user.displayName })}</h1>
      <p>{props.user.email}</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={`/admin/utilisateurs/${props.user.id}`} csrf={props.csrf}>
        <TextField form={props.form} name="displayName" label={labels.displayName} required />
        <SelectField form={props.form} name="role" label={labels.role} options={roleOptions(t)} />
        <ChoiceGroup form={props.form} name="isDisabled" label={labels.isDisabled} type="checkbox" options={[{ value: "1", label: t("admin.accounts.user.disable") }]} />
        <button type="submit">{t("admin.accounts.user.save")}</button>
      </Form>
      <p>
        <a href="/admin/utilisateurs">{t("admin.accounts.user.back")}</a>
      </p>
    </div>
  );
}
