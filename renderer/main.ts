// Entry point: applies the saved theme, creates the archive client for this transport and mounts the app.
import './lib/zod-jitless.js';
import './styles/theme.css';
import { createClient } from './client/index.js';
import { createShellClient } from './client/shell-client.js';
import { applyTheme, loadPrefs } from './lib/prefs.js';
import './views/st-app.js';

applyTheme(loadPrefs().theme);
const app = document.createElement('st-app');
app.client = createClient();
app.shell = createShellClient();
document.body.appendChild(app);
