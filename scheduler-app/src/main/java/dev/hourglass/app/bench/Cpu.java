package dev.hourglass.app.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this process (all threads, user and system), as the OS counts it. */
final class Cpu {

    private Cpu() {
    }

    static double processSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
