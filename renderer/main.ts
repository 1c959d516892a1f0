// Entry point: applies the saved theme, creates the archive client for this transport and mounts the app.
import './styles/theme.css';
import { createClient } from './client/index.js';
import { applyTheme, loadPrefs } from './lib/prefs.js';
import './views/st-app.js';

applyTheme(loadPrefs().theme);
const app = document.createElement('st-app');
app.client = createClient();
document.body.appendChild(app);
