/** JSON for a `<script>` element: `<` escaped, so no text in it can close the element early. */
export function safeJson(value: object): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * Data a page hands to its script (translated texts, settings): a JSON block the browser never runs,
 * so the strict CSP stays as it is; the script reads it with `JSON.parse` by the block's id.
 */
export function JsonData({ id, value }: { id: string; value: object }) {
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: safeJson(value) }} />;
}
