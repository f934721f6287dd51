import { accountNavigation } from "./accounts/account.routes.js";
import { contactNavigation } from "./contact/contact.routes.js";
import { demoNavigation } from "./demo/demo.seed.js";
import { editorialNavigation } from "./editorial/story-admin.routes.js";
import { importNavigation } from "./import/wordpress-import.routes.js";
import { mediaNavigation } from "./media/library.routes.js";
import { newsletterNavigation } from "./newsletter/subscription.routes.js";
import { pageNavigation } from "./pages/page.routes.js";
import { composeNavigation } from "./platform/html/navigation.js";
import { podcastNavigation } from "./podcasts/podcast-admin.routes.js";
import { readershipNavigation } from "./readership/readership.routes.js";
import { safetyNavigation } from "./safety/help.routes.js";
import { searchNavigation } from "./search/search.routes.js";
import { settingsNavigation } from "./settings/settings.routes.js";
import { siteNavigation } from "./site/site.routes.js";
import { storyNavigation } from "./stories/story.routes.js";
import { participationNavigation } from "./submissions/submission.routes.js";

/** The frames' links (public header and footer, the back office's menu), each from the feature that owns the page. */
export const navigation = composeNavigation([
  storyNavigation,
  participationNavigation,
  pageNavigation,
  contactNavigation,
  newsletterNavigation,
  siteNavigation,
  safetyNavigation,
  searchNavigation,
  editorialNavigation,
  mediaNavigation,
  podcastNavigation,
  readershipNavigation,
  accountNavigation,
  importNavigation,
  settingsNavigation,
  demoNavigation,
]);
