/**
 * The environment the back end starts in: the web back end, and the desktop app's main process when
 * `npm start` opens it. glibc's malloc raises its mmap threshold to the largest mapped block freed so
 * far: two short-lived blocks at start (2 MiB in the main thread, 2.2 MiB in a V8 worker; strace) lift
 * it to 2.2 MiB, and from then on blocks that large come from the threads' arenas, which hand memory
 * back only once twice that is free at their top. Those arenas then grew by 4–4.5 MiB over bench:idle's
 * hour, most of its resident slope. Pinned at glibc's own default (128 KiB), large blocks are mapped and
 * unmapped as they come and go. Other allocators ignore the variable; an operator's own value wins.
 */
function backendEnv(env = process.env) {
  return { MALLOC_MMAP_THRESHOLD_: String(128 * 1024), ...env };
}

module.exports = { backendEnv };
