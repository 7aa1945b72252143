#!/usr/bin/env python3
"""CPU used while a command runs, split by process: where a lab's 2 cores went.

Usage (root): lab/bench/cpu-split.py COMMAND [ARG...]
Prints the command's wall time, the machine's busy and idle CPU time over it, and the CPU time
of every process alive at the end, grouped (agents, coordinator, glusterd, ...), with the CPU of
the children each one waited for (gluster, dpkg-query, mount, ...) as "<group> children". The
command's own process tree is "command". Exited processes that nobody here waited for show up
only in the busy total.
"""
import os
import subprocess
import sys
import time


def snapshot():
    """pid -> (own CPU ticks, waited-for children's CPU ticks, command line)"""
    processes = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open(f'/proc/{pid}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            with open(f'/proc/{pid}/cmdline') as f:
                command = f.read().replace('\0', ' ')
        except OSError:
            continue
        processes[pid] = (int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]), command)
    return processes


def busy_idle():
    with open('/proc/stat') as f:
        ticks = [int(value) for value in f.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], ticks[3] + ticks[4]


def group(command):
    if 'brickwork-agent' in command:
        return 'agent'
    if 'brickwork-coordinator' in command and ' serve ' in command:
        return 'coordinator'
    return os.path.basename(command.split(' ')[0]) or '?'


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tick_ms = 1000 / os.sysconf('SC_CLK_TCK')
    before = snapshot()
    busy0, idle0 = busy_idle()
    start = time.monotonic()
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    busy1, idle1 = busy_idle()
    after = snapshot()

    groups = {'command': (usage.ru_utime + usage.ru_stime) * 1000 / tick_ms}
    for pid, (own, children, command) in after.items():
        was = before.get(pid, (0, 0, ''))
        name = group(command)
        if own > was[0]:
            groups[name] = groups.get(name, 0) + own - was[0]
        if children > was[1] and pid != str(os.getpid()):
            groups[name + ' children'] = groups.get(name + ' children', 0) + children - was[1]
    print(f'wall {wall * 1000:.0f} ms; busy {(busy1 - busy0) * tick_ms:.0f} ms of CPU, '
          f'idle {(idle1 - idle0) * tick_ms:.0f} ms')
    for name, ticks in sorted(groups.items(), key=lambda item: -item[1]):
        if ticks * tick_ms >= 10:
            print(f'{ticks * tick_ms:8.0f} ms  {name}')


if __name__ == '__main__':
    main()
