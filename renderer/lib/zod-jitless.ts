// Imported first by the app: zod's validators are built without `new Function`, which the app's Trusted Types CSP forbids.
import { z } from 'zod';

// Without this, zod probes whether eval is allowed on first use, and the probe is reported as a CSP violation.
z.config({ jitless: true });
