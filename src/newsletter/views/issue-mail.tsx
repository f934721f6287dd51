/** The HTML part of an issue: headings, real links, no image, no tracking pixel, no rewritten link. */
/** The mail's only styles, in its head (mail software keeps them; no stylesheet to fetch). */
export const MAIL_CSS = "body{font-family:Georgia,serif;line-height:1.5;max-width:40em;margin:0 auto;padding:1em;color:#1a1a1a;background:#fff}a{color:#0b4f8a}";

export type IssueStory = { title: string; url: string; standfirst: string; notes: string[] };

export function IssueMail(props: { subject: string; introHtml: string; stories: IssueStory[]; unsubscribeUrl: string; dataUrl: string; siteUrl: string; siteName: string }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.subject}</title>
        <style dangerouslySetInnerHTML={{ __html: MAIL_CSS }} />
      </head>
      <body>
        <h1>{props.subject}</h1>
        {/* Rendered by the site's Markdown renderer, raw HTML off. */}
        <div dangerouslySetInnerHTML={{ __html: props.introHtml }} />
        {props.stories.length > 0 && <h2>Les témoignages</h2>}
        {props.stories.map((s) => (
          <article key={s.url}>
            <h3>
              <a href={s.url}>{s.title}</a>
            </h3>
            {s.notes.length > 0 && (
              <p>
                <strong>Avertissement : </strong>
                {s.notes.join(", ")}
              </p>
            )}
            <p>{s.standfirst}</p>
            <p>
              <a href={s.url}>Lire « {s.title} »</a>
            </p>
          </article>
        ))}
        <hr />
        <p>
          Vous recevez cette lettre parce que vous vous êtes inscrit ou inscrite sur <a href={props.siteUrl}>{props.siteName}</a>.{" "}
          <a href={props.unsubscribeUrl}>Se désinscrire en un clic</a> · <a href={props.dataUrl}>Ce que nous gardons sur vous</a>
        </p>
      </body>
    </html>
  );
}
