const m = await import('../ui.ts') as any;
