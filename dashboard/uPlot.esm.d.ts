// Types for `./uPlot.esm.js`, which the gateway serves from the uplot package (src/http/admin/ui-assets.ts),
// so that `npm run typecheck` checks the dashboard's use of it.
import uPlot from 'uplot';
export default uPlot;
