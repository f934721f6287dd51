// Every test file sees the application's whole catalogue, as the running application does.
import "../../src/messages.js";
