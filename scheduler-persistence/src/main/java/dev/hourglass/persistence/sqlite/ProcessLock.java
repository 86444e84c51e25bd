package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One process per SQLite file: an exclusive OS lock on {@code <file>.lock}, held while the store is
 * open, with the holder's pid and start time written inside so a second process can name it. The
 * OS drops the lock when the process dies, however it dies. Stores opened on the same file within
 * one process share the lock.
 */
final class ProcessLock implements AutoCloseable {

    private static final Map<Path, ProcessLock> HELD = new HashMap<>();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private int openers = 1;

    private ProcessLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code database}, or joins this process's hold of it.
     *
     * @return the lock, and whether this opener was the first in the process to take it
     * @throws StoreInUseException when another process holds it
     */
    static synchronized Held acquire(Path database) {
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
        ProcessLock held = HELD.get(lockFile);
        if (held != null) {
            held.openers++;
            return new Held(held, false);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new StoreInUseException(database, holder);
            }
            byte[] me = ("pid " + ProcessHandle.current().pid() + ", started "
                    + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me), 0);
            channel.force(false);
            ProcessLock taken = new ProcessLock(lockFile, channel, lock);
            HELD.put(lockFile, taken);
            return new Held(taken, true);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    record Held(ProcessLock lock, boolean first) {
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        int read = channel.read(buffer, 0);
        String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? "holder unknown" : text;
    }

    @Override
    public void close() {
        synchronized (ProcessLock.class) {
            if (--openers > 0) {
                return;
            }
            HELD.remove(lockFile);
            try {
                lock.release();
            } catch (IOException e) {
                // The channel's close below releases it too.
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to release.
            }
        }
    }
}
