# Shared by pkgbuild's setup scripts (prepended to each). Few processes: a script runs once
# per step, and each fork counts.
# fill_dev DIR: makes DIR, empty but for the folder shm, the sandbox's /dev: the host's
# harmless devices, the descriptor links and a private /dev/shm.
fill_dev() {
  devs=
  for d in null zero full random urandom tty; do if [ -e "/dev/$d" ]; then devs="$devs $d"; fi; done
  cd "$1"
  touch $devs
  ln -s /proc/self/fd fd
  ln -s fd/0 stdin
  ln -s fd/1 stdout
  ln -s fd/2 stderr
  for d in $devs; do mount --bind "/dev/$d" "$1/$d"; done
  mount -t tmpfs -o mode=1777 tmpfs "$1/shm"
}
