#!/usr/bin/env bash
# The seed procedure as a bare shell script over the lab, the baseline the benchmark
# compares `brickwork apply` against: the same gluster and mount commands, per-node work in
# parallel, no checks beyond what the commands need to succeed, then the seed's final
# replication check. Like apply, it limits the volume to the cluster's addresses (auth.allow)
# before starting it: the same end state, not a less safe one.
# Usage: bare-provision.sh N   (lab already up, nothing provisioned)
set -euo pipefail
n=$1
lab=$(dirname "$0")/../lab.sh
subnet=${BW_LAB_SUBNET_PREFIX:-10.213.0}
hosts=""
for ((k = 1; k <= n; k++)); do hosts+="$subnet.$((10 + k)) node$k"$'\n'; done
others() { local k; for ((k = 1; k <= n; k++)); do ((k == $1)) || printf '%snode%d' "$([[ -n ${sep:-} ]] && echo :)" "$k" && sep=1; done; }

for ((k = 1; k <= n; k++)); do
  "$lab" exec "node$k" sh -c "printf '%s' \"\$1\" >> /etc/hosts && mkdir -p /gluster/brick" sh "$hosts" &
done
wait
for ((k = 2; k <= n; k++)); do "$lab" exec node1 gluster --mode=script peer probe "node$k" >/dev/null; done
until [[ $("$lab" exec node1 gluster --mode=script peer status | grep -c 'Peer in Cluster (Connected)') == $((n - 1)) ]]; do
  sleep 0.1
done
bricks=()
for ((k = 1; k <= n; k++)); do bricks+=("node$k:/gluster/brick"); done
"$lab" exec node1 gluster --mode=script volume create bench-gfs replica "$n" "${bricks[@]}" force >/dev/null
allow=$(for ((k = 1; k <= n; k++)); do printf '%s%s' "$( ((k > 1)) && echo ,)" "$subnet.$((10 + k))"; done)
"$lab" exec node1 gluster --mode=script volume set bench-gfs auth.allow "$allow" >/dev/null
"$lab" exec node1 gluster --mode=script volume start bench-gfs >/dev/null
for ((k = 1; k <= n; k++)); do
  opts="defaults,_netdev,x-systemd.requires=glusterd.service,backup-volfile-servers=$(sep='' others "$k")"
  "$lab" exec "node$k" sh -c "echo 'localhost:/bench-gfs /mnt glusterfs $opts 0 0' >> /etc/fstab && mount /mnt && chown root:docker /mnt" &
done
wait
"$lab" exec node1 sh -c 'echo probe > /mnt/.bare-probe'
for ((k = 2; k <= n; k++)); do
  until [[ $("$lab" exec "node$k" cat /mnt/.bare-probe 2>/dev/null) == probe ]]; do sleep 0.05; done &
done
wait
"$lab" exec node1 rm -f /mnt/.bare-probe
