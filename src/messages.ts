import { accountMailMessages } from "./accounts/account-mail.messages.js";
import { accountMessages } from "./accounts/account.messages.js";
import { contactMailMessages } from "./contact/contact-mail.messages.js";
import { contactMessages } from "./contact/contact.messages.js";
import { demoMessages } from "./demo/demo.messages.js";
import { editorialAdminMessages } from "./editorial/editorial-admin.messages.js";
import { editorialNavigationMessages } from "./editorial/editorial-navigation.messages.js";
import { storyBulkMessages } from "./editorial/story-bulk.messages.js";
import { storyEditorMessages } from "./editorial/story-editor.messages.js";
import { importMessages } from "./import/import.messages.js";
import { importReportMessages } from "./import/import-report.messages.js";
import { mediaMessages } from "./media/media.messages.js";
import { newsletterAdminMessages } from "./newsletter/newsletter-admin.messages.js";
import { newsletterMessages } from "./newsletter/newsletter.messages.js";
import { subscriptionMailMessages } from "./newsletter/subscription-mail.messages.js";
import { pageMessages } from "./pages/page.messages.js";
import { platformMessages } from "./platform/i18n/messages.js";
import { installCatalogue, joinCatalogues } from "./platform/i18n/translate.js";
import { podcastAdminMessages } from "./podcasts/podcast-admin.messages.js";
import { podcastMessages } from "./podcasts/podcast.messages.js";
import { readershipMessages } from "./readership/readership.messages.js";
import { safetyMessages } from "./safety/safety.messages.js";
import { searchMessages } from "./search/search.messages.js";
import { settingsMessages } from "./settings/settings.messages.js";
import { siteMessages } from "./site/site.messages.js";
import { storyMessages } from "./stories/story.messages.js";
import { contributionAudioMessages } from "./submissions/audio/contribution-audio.messages.js";
import { approvalMessages } from "./submissions/follow-up/approval.messages.js";
import { followUpMessages } from "./submissions/follow-up/follow-up.messages.js";
import { callAdminMessages } from "./submissions/calls/call-admin.messages.js";
import { callMessages } from "./submissions/calls/call.messages.js";
import { contributionMailMessages } from "./submissions/contribution-mail.messages.js";
import { participationMessages } from "./submissions/participation.messages.js";
import { receiptMessages } from "./submissions/receipt.messages.js";
import { triageMessages } from "./submissions/triage/triage.messages.js";

/**
 * The application's interface text: the platform's and each feature's, joined once (a key defined
 * twice stops the start). Imported for its effect by everything that starts the application (app.ts,
 * the command line) and by the test set-up, before any text is shown.
 */
const catalogue = joinCatalogues(
  platformMessages,
  storyMessages,
  podcastMessages,
  siteMessages,
  searchMessages,
  pageMessages,
  safetyMessages,
  contactMessages,
  participationMessages,
  followUpMessages,
  callMessages,
  receiptMessages,
  contributionAudioMessages,
  triageMessages,
  callAdminMessages,
  newsletterMessages,
  importMessages,
  importReportMessages,
  demoMessages,
  editorialAdminMessages,
  podcastAdminMessages,
  newsletterAdminMessages,
  accountMessages,
  editorialNavigationMessages,
  mediaMessages,
  readershipMessages,
  settingsMessages,
  storyBulkMessages,
  storyEditorMessages,
  approvalMessages,
  contributionMailMessages,
  accountMailMessages,
  contactMailMessages,
  subscriptionMailMessages,
);

type ApplicationMessages = typeof catalogue;
declare module "./platform/i18n/translate.js" {
  interface Catalogue extends ApplicationMessages {}
}

installCatalogue(catalogue);
