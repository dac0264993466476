/** Where the gateway's own surface is mounted, apart from the mocked APIs (as WireMock keeps `/__admin`). */
export const ADMIN_PREFIX = '/__admin';
