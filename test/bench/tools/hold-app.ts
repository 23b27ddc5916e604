// Starts the bench app on a seeded database and keeps it up HOLD seconds, for profiling or poking it by hand.
import { withBenchApp } from '../http-pages';
await withBenchApp(async (app, code) => {
  console.log(app.url, code);
  await new Promise((r) => setTimeout(r, Number(process.env.HOLD ?? 120) * 1000));
});
process.exit(0);
