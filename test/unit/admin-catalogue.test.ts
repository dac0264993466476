import { ADMIN_ROUTES } from '../../src/http/admin-catalogue';
import { adminRoutes } from '../../src/http/admin-routes';
import { Journal } from '../../src/http/journal';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('the admin route catalogue (what --help lists)', () => {
  it('lists exactly the routes the admin router serves', () => {
    const router = adminRoutes({ dialects: [], storeKind: 'memory', journal: new Journal(), reset: async () => undefined });
    const served = (router.stack as RouterLayer[]).flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : [],
    );
    const listed = ADMIN_ROUTES.map((route) => `${route.method} ${route.path.split('?')[0]}`);
    expect(served.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual([...served].sort());
  });
});
