// The admin surface lives in ./admin/ (one file per route family); this path stays for existing imports.
export { ADMIN_PREFIX, ADMIN_ROUTES, adminRoutes, type AdminDependencies } from './admin';
