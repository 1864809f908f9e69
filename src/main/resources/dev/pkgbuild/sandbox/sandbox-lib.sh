# Shared by pkgbuild's setup scripts (prepended to each). Few processes: a script runs once
# per step, and each fork counts.
# dev_skeleton DIR: in the empty folder DIR, the sandbox's /dev, makes the descriptor links
# and an empty file for each harmless host device in $devs (set here), to bind it onto.
dev_skeleton() {
  devs=
  for d in null zero full random urandom tty; do if [ -e "/dev/$d" ]; then devs="$devs $d"; fi; done
  cd "$1"
  for d in $devs; do : >"$d"; done
  ln -s /proc/self/fd fd
  ln -s fd/0 stdin
  ln -s fd/1 stdout
  ln -s fd/2 stderr
}
