'use strict';
// Started detached by global-setup.mjs with the pid of jest's main process. If that process ends
// without having cleaned up (SIGKILL, crash), this stops every PostgreSQL server of the run and
// deletes its folder. It ends by itself once the folder is gone (the normal teardown removes it and
// also sends SIGTERM here).
const fs = require('node:fs');
const { clusterFromEnv, destroyAllSync } = require('./cluster.cjs');

const watched = Number(process.argv[2]);
const c = clusterFromEnv();
if (!c || !Number.isInteger(watched)) process.exit(2);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

setInterval(() => {
  if (!fs.existsSync(c.root)) process.exit(0);
  if (!alive(watched)) {
    destroyAllSync(c);
    process.exit(0);
  }
}, 1000);
