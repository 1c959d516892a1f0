import * as ui from '../ui.ts';
