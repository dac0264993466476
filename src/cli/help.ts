import { DIALECT_IDS, VENDOR_IDS, VENDOR_PREFIX } from '../core/dialects';
import { ADMIN_ROUTES } from '../http/admin';
import { FLAG_DOCS, type FlagGroup, type FlagName } from './serve-flags';

const GROUP_TITLES: { readonly [G in FlagGroup]: string } = {
  serving: 'Options',
  testing: 'Test control (see also the admin routes below)',
  admin: 'The admin API',
  proxy: 'Proxy mode (dialects not routed stay mocked)',
  cors: 'Browser apps (CORS)',
  logging: 'Logging (access lines on stdout; warnings and errors on stderr; never a credential)',
};

/** `  --flag VALUE          help`, the help moved to the next line when the left part is too long. */
function row(left: string, help: string, column = 24): string {
  const indented = `  ${left}`;
  return indented.length < column ? indented.padEnd(column) + help : `${indented}\n${' '.repeat(column)}${help}`;
}

function flagRows(group: FlagGroup): string[] {
  return (Object.entries(FLAG_DOCS) as Array<[FlagName, (typeof FLAG_DOCS)[FlagName]]>)
    .filter(([, doc]) => doc.group === group)
    .flatMap(([name, doc]) => [
      row(`--${name}${doc.value ? ` ${doc.value}` : ''}`, doc.help),
      ...(doc.forms ?? []).map((form) => row(`--${name} ${form.value}`, form.help)),
    ]);
}

/** The whole `--help` text, built from the flag and admin route lists so it cannot leave one out. */
export function helpText(): string {
  const groups = (Object.keys(GROUP_TITLES) as FlagGroup[]).map((group) => `${GROUP_TITLES[group]}:\n${flagRows(group).join('\n')}`);
  return `label-gateway: a stateful, validating mock of five label APIs (Attention v2, Kirim, SuperSend v1/v2, Jasni)

Usage:
${row('label-gateway serve [options]', 'serve every dialect (npm start -- [options] does the same)', 34)}
${row('label-gateway lint [options]', 'check the flags and the files they name as serve would, without', 34)}
${' '.repeat(34)}starting: exit 0 when sound, 2 with every problem named
${row('label-gateway migrate [options]', 'copy every label of an account to another provider (migrate --help)', 34)}
${row('label-gateway --help', 'this text (also -h)', 34)}
${row('label-gateway --version', "the package's version", 34)}

${groups.join('\n\n')}

Vendors are served under ${VENDOR_IDS.map((vendor) => VENDOR_PREFIX[vendor]).join(', ')} (or by Host: <vendor>.localhost:PORT).
Dialects: ${DIALECT_IDS.join(', ')}.

A vendor request with Prefer: code=429 or Prefer: delay=300 is answered so (Prism's convention).

Admin routes (never with CORS headers; journal filters: dialect, operation, method, status (201 or 4xx),
route, fingerprint, since):
${ADMIN_ROUTES.map((route) => row(`${route.method.padEnd(6)} ${displayPath(route.path)}`, route.summary, 34)).join('\n')}

SIGTERM or SIGINT: stop accepting, finish requests in flight, write the store out, exit 0.`;
}

/** `/__admin/faults/:id` as people write it: `/__admin/faults/{id}`. */
export function displayPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
