import { ChoiceGroup, ErrorSummary, Form, SelectField, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { ROLES } from "../../platform/http/access.js";
import { ROLE_LABELS } from "../account.schemas.js";

export type UserListItem = { id: number; displayName: string; email: string; role: string; isDisabled: boolean };

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const INVITE_LABELS = { email: "Adresse électronique", displayName: "Nom affiché", role: "Rôle" };

export function UsersPage(props: { users: UserListItem[]; form: FormState; csrf: string }) {
  return (
    <>
      <h1>Comptes de l'équipe</h1>
      <table class="data">
        <caption>
          {props.users.length} compte{props.users.length > 1 ? "s" : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse</th>
            <th scope="col">Rôle</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={`/admin/utilisateurs/${u.id}`}>{u.displayName}</a>
              </td>
              <td>{u.email}</td>
              <td>{ROLE_LABELS[u.role as keyof typeof ROLE_LABELS] ?? u.role}</td>
              <td>{u.isDisabled ? "Désactivé" : "Actif"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="inviter">Inviter une personne</h2>
      <p>Elle recevra un courriel pour choisir son mot de passe (lien valable trois jours).</p>
      <ErrorSummary form={props.form} labels={INVITE_LABELS} />
      <Form action="/admin/utilisateurs" csrf={props.csrf}>
        <TextField form={props.form} name="email" label={INVITE_LABELS.email} type="email" required />
        <TextField form={props.form} name="displayName" label={INVITE_LABELS.displayName} required />
        <SelectField form={props.form} name="role" label={INVITE_LABELS.role} options={ROLE_OPTIONS} />
        <button type="submit">Envoyer l'invitation</button>
      </Form>
    </>
  );
}

export function UserEditPage(props: { user: UserListItem; form: FormState; csrf: string }) {
  const labels = { displayName: "Nom affiché", role: "Rôle", isDisabled: "Accès" };
  return (
    <div class="narrow">
      <h1>Compte de {props.user.displayName}</h1>
      <p>{props.user.email}</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={`/admin/utilisateurs/${props.user.id}`} csrf={props.csrf}>
        <TextField form={props.form} name="displayName" label={labels.displayName} required />
        <SelectField form={props.form} name="role" label={labels.role} options={ROLE_OPTIONS} />
        <ChoiceGroup
          form={props.form}
          name="isDisabled"
          label={labels.isDisabled}
          type="checkbox"
          options={[{ value: "1", label: "Désactiver ce compte (ses sessions sont fermées aussitôt)" }]}
        />
        <button type="submit">Enregistrer</button>
      </Form>
      <p>
        <a href="/admin/utilisateurs">Revenir aux comptes</a>
      </p>
    </div>
  );
}
